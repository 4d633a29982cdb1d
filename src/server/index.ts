/** The server's one import surface: the HTTP app, Bot Framework authentication, and the group demo projector. */
export { createServer, activityProblem, MAX_BODY_BYTES, type AppServer, type ServerDependencies } from './createServer';
export { createBotAuthentication, StrictBotFrameworkAuthentication } from './botAuthentication';
export { DemoHub, type DemoHubOptions, type SnapshotListener } from './projector/demoHub';
export { projectorFor } from './projector/projectorLink';
export { JoinCodes, type RoomDoor } from './projector/joinCodes';
export { projectorPath, projectorUrl } from './projector/projectorRoutes';
