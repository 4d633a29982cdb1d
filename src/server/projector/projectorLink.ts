import type { Projector } from '../../../dialogs';
import type { DemoHub } from './demoHub';
import { projectorUrl } from './projectorRoutes';

/** The projector as the demo dialog sees it: rooms' snapshots go to the hub, links point at the projector routes. */
export function projectorFor(hub: DemoHub): Projector {
  return {
    publish: (roomId, snapshot) => hub.publish(roomId, snapshot),
    urlFor: (baseUrl, roomId) => projectorUrl(baseUrl, roomId),
  };
}
