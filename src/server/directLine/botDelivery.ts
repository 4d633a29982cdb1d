/**
 * How the embedded Direct Line hands activities to the bot, without Azure and without credentials.
 *
 * A user activity becomes a Bot Framework activity whose `serviceUrl` is this very server (loopback). It is run
 * with `CloudAdapter.processActivityDirect`, passing a ready-made AuthenticateRequestResult (an anonymous
 * identity and {@link EmbeddedConnectorFactory}) instead of an auth header: the user was already
 * authenticated by their Direct Line token, and no AAD token is needed to reach ourselves. The bot's replies
 * then travel through botframework-connector's real ConnectorClient to our connector routes
 * (`/v3/conversations/...`, see connectorRoutes.ts), which append them to the Direct Line conversation.
 *
 * Turns of one conversation run one after another (a queue per conversation, at most `maxQueuedTurns` long),
 * so state is never read and written by two turns at once.
 *
 * Honest acknowledgements: the queue lives in memory, so a turn counts as accepted only once it has run (and the
 * route answers only once the conversation, replies included, is in storage).
 * {@link BotDelivery.deliver} resolves 'done' after the turn, 'busy' when the queue is full (nothing queued),
 * and 'pending' when the turn is still waiting after `turnTimeoutMs`: the route then answers 503 and the client
 * retries; a retry of the same client activity (`channelData.clientActivityID`) joins that turn instead of
 * queueing it again, and gets 200 once it has run. The store remembers each client activity id with the stored
 * activity and whether its turn ran, in storage too, so a retry after a restart is answered (done) or runs the
 * stored activity's turn (not done) instead of storing the activity twice.
 */
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
} from 'botframework-connector';
import type { Logger } from '../../logging';
import type { DirectLineStore, DlActivity } from './directLineStore';

/** The channel id the bot sees for embedded Direct Line conversations (the same as Azure's Direct Line). */
export const EMBEDDED_CHANNEL_ID = 'directline';

export interface BotAccount {
  id: string;
  name: string;
}

type Credentials = ConstructorParameters<typeof ConnectorClient>[0];

/** ConnectorClients for our own loopback connector routes, signed with the per-process connector key. */
export class EmbeddedConnectorFactory extends ConnectorFactory {
  constructor(private readonly connectorKey: string) {
    super();
  }

  override create(serviceUrl: string): Promise<ConnectorClient> {
    const key = this.connectorKey;
    const credentials: Credentials = {
      signRequest: (request) => {
        request.headers.set('authorization', `Bearer ${key}`);
        return Promise.resolve(request);
      },
    };
    return Promise.resolve(new ConnectorClient(credentials, { baseUri: serviceUrl }));
  }
}

export interface BotDeliveryOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  store: DirectLineStore;
  botAccount: BotAccount;
  /** MicrosoftAppId, or '' without credentials. */
  appId: string;
  connectorKey: string;
  /** Base URL of this server as seen from itself, e.g. http://127.0.0.1:3978 (known once listening). */
  serviceUrl: () => string;
  log: Logger;
  /** How long POST /activities waits for the bot's turn before answering 503 (the client retries). */
  turnTimeoutMs?: number;
  /** Turns one conversation may have queued or running (default 5); more → 'busy'. */
  maxQueuedTurns?: number;
}

export type DeliveryResult = 'done' | 'pending' | 'busy' | 'failed';

/** A turn posted by the client, remembered so a retry joins it instead of running it twice. */
interface PostedTurn {
  activityId: string;
  settled: Promise<'done' | 'failed'>;
}

/** How many recent client activity ids each conversation remembers for retries. */
const REMEMBERED_POSTS = 32;

export class BotDelivery {
  private readonly connectorFactory: EmbeddedConnectorFactory;
  private readonly turnTimeoutMs: number;
  readonly maxQueuedTurns: number;
  /** conversation id → client activity id → its turn (insertion order = age). */
  private readonly posted = new Map<string, Map<string, PostedTurn>>();

  constructor(private readonly options: BotDeliveryOptions) {
    this.connectorFactory = new EmbeddedConnectorFactory(options.connectorKey);
    this.turnTimeoutMs = options.turnTimeoutMs ?? 15_000;
    this.maxQueuedTurns = options.maxQueuedTurns ?? 5;
  }

  /** The turn already posted with this client activity id (a retry), if it is remembered. */
  retryOf(conversationId: string, clientActivityId: string | undefined): PostedTurn | undefined {
    return clientActivityId === undefined ? undefined : this.posted.get(conversationId)?.get(clientActivityId);
  }

  /** True when the conversation's turn queue is full. */
  isFull(conversationId: string): boolean {
    const conversation = this.options.store.get(conversationId);
    return conversation !== undefined && conversation.pendingTurns >= this.maxQueuedTurns;
  }

  /**
   * Queues a turn for `activity` (as stored in the Direct Line log) and resolves 'done' or 'failed' when it ran,
   * or 'pending' when it has not run within the timeout (it still runs; a retry with the same client activity
   * id waits for it again through {@link wait}).
   */
  deliver(conversationId: string, activity: DlActivity, clientActivityId?: string): Promise<DeliveryResult> {
    const conversation = this.options.store.get(conversationId);
    if (!conversation) return Promise.resolve('failed');
    if (conversation.pendingTurns >= this.maxQueuedTurns) return Promise.resolve('busy');
    conversation.pendingTurns += 1;
    const run = conversation.turns
      .then(() => this.runTurn(conversationId, activity))
      .finally(() => {
        conversation.pendingTurns -= 1;
      });
    conversation.turns = run.then(
      () => undefined,
      () => undefined,
    );
    if (clientActivityId !== undefined) {
      this.remember(conversationId, clientActivityId, activity.id, run);
      void run.then((result) => this.options.store.settlePost(conversationId, clientActivityId, result === 'failed'));
    }
    return this.wait(run);
  }

  /** The turn's result, or 'pending' when it has not finished within the timeout. */
  wait(settled: Promise<'done' | 'failed'>): Promise<DeliveryResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve('pending'), this.turnTimeoutMs);
      timer.unref();
    });
    return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
  }

  /** Forgets a conversation's remembered posts (it was removed). */
  forget(conversationId: string): void {
    this.posted.delete(conversationId);
  }

  private remember(
    conversationId: string,
    clientActivityId: string,
    activityId: string,
    settled: Promise<'done' | 'failed'>,
  ): void {
    let posts = this.posted.get(conversationId);
    if (!posts) this.posted.set(conversationId, (posts = new Map<string, PostedTurn>()));
    posts.set(clientActivityId, { activityId, settled });
    while (posts.size > REMEMBERED_POSTS) posts.delete(posts.keys().next().value as string);
    // A failed turn may be retried for real: forget it once it failed.
    void settled.then((result) => {
      if (result === 'failed' && posts.get(clientActivityId)?.settled === settled) posts.delete(clientActivityId);
      if (!this.options.store.has(conversationId)) this.posted.delete(conversationId);
    });
  }

  private async runTurn(conversationId: string, stored: DlActivity): Promise<'done' | 'failed'> {
    const { adapter, bot, log } = this.options;
    const activity = this.toBotActivity(conversationId, stored);
    const auth: AuthenticateRequestResult = {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity: this.claimsIdentity(),
      connectorFactory: this.connectorFactory,
    };
    try {
      // The activity is plain JSON; botbuilder's Activity type declares Date timestamps, the wire has strings.
      await adapter.processActivityDirect(auth, activity as never, (context) => bot.run(context));
      return 'done';
    } catch (error) {
      log.error('directline_turn_failed', { conversationId, activityType: stored.type, error });
      return 'failed';
    }
  }

  /**
   * Without credentials: the anonymous identity botbuilder uses when authentication is disabled. With
   * credentials: the claims a channel token for this bot carries (audience = app id), so botbuilder can still
   * build its user-token client; nothing here asks AAD for a token.
   */
  private claimsIdentity(): ClaimsIdentity {
    const { appId } = this.options;
    if (!appId) return new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType);
    return new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: appId },
        { type: AuthenticationConstants.AppIdClaim, value: appId },
      ],
      'EmbeddedDirectLine',
    );
  }

  /** The activity as a channel would post it to /api/messages. */
  private toBotActivity(conversationId: string, stored: DlActivity): Record<string, unknown> {
    return {
      ...stored,
      channelId: EMBEDDED_CHANNEL_ID,
      serviceUrl: this.options.serviceUrl(),
      conversation: { id: conversationId },
      recipient: { id: this.options.botAccount.id, name: this.options.botAccount.name, role: 'bot' },
    };
  }
}
