import type { Projector } from '../../../dialogs';
import type { DemoHub } from './demoHub';
import type { JoinCodes } from './joinCodes';
import { joinUrl, projectorUrl } from './projectorRoutes';

/**
 * The projector as the demo dialog sees it: rooms' snapshots go to the hub, links point at the projector routes,
 * and with join codes a web chat room gets a code and a join link for the trainees' browsers.
 */
export function projectorFor(hub: DemoHub, codes?: JoinCodes): Projector {
  return {
    publish: (roomId, snapshot) => hub.publish(roomId, snapshot),
    urlFor: (baseUrl, roomId) => projectorUrl(baseUrl, roomId),
    ...(codes
      ? {
          openJoin: (roomId: string, code: string, conversationId: string) =>
            codes.register(roomId, code, conversationId),
          joinUrlFor: (baseUrl: string, code: string) => joinUrl(baseUrl, code),
        }
      : {}),
  };
}
