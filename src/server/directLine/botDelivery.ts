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
 * Turns of one conversation run one after another (a queue per conversation), so state is never read and
 * written by two turns at once.
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
  /** How long POST /activities waits for the bot's turn before answering anyway. */
  turnTimeoutMs?: number;
}

export type DeliveryResult = 'done' | 'timeout' | 'failed';

export class BotDelivery {
  private readonly connectorFactory: EmbeddedConnectorFactory;
  private readonly turnTimeoutMs: number;

  constructor(private readonly options: BotDeliveryOptions) {
    this.connectorFactory = new EmbeddedConnectorFactory(options.connectorKey);
    this.turnTimeoutMs = options.turnTimeoutMs ?? 15_000;
  }

  /**
   * Queues a turn for `activity` (as stored in the Direct Line log) and resolves when the bot finished it,
   * failed, or the timeout passed (the turn then still completes in the background).
   */
  deliver(conversationId: string, activity: DlActivity): Promise<DeliveryResult> {
    const conversation = this.options.store.get(conversationId);
    if (!conversation) return Promise.resolve('failed');
    const run = conversation.turns.then(() => this.runTurn(conversationId, activity));
    conversation.turns = run.then(
      () => undefined,
      () => undefined,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.turnTimeoutMs);
      timer.unref();
    });
    return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  }

  private async runTurn(conversationId: string, stored: DlActivity): Promise<DeliveryResult> {
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
