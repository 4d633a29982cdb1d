/** The server's one import surface: the HTTP app, Bot Framework authentication, and the group demo projector. */
export { createServer, activityProblem, MAX_BODY_BYTES, type AppServer, type ServerDependencies } from './createServer';
export { createBotAuthentication, StrictBotFrameworkAuthentication } from './botAuthentication';
export { DemoHub, type DemoHubOptions, type SnapshotListener } from './projector/demoHub';
export { projectorFor } from './projector/projectorLink';
export type { RoomFeed, RoomListener } from './projector/roomFeed';
export { InProcessRoomFeed } from './projector/inProcessRoomFeed';
export { StoreRoomFeed, DEFAULT_ROOM_POLL_MS, type StoredRoom } from './projector/storeRoomFeed';
export { JoinCodes, type RoomDoor } from './projector/joinCodes';
export { projectorPath, projectorUrl } from './projector/projectorRoutes';
