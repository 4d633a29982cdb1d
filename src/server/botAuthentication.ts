/**
 * Bot Framework authentication for /api/messages, from config.
 *
 * - Without credentials botbuilder accepts anonymous requests (local development; the server then listens on
 *   loopback only, see config.ts).
 * - With credentials every request needs a channel token: signed by a key in the Bot Framework's OpenID
 *   metadata, issued by api.botframework.com, for this app id and this activity's serviceUrl.
 *
 * {@link StrictBotFrameworkAuthentication} closes a gap in botbuilder 4.23: a token whose signature does not
 * verify (a known key id, another key) fails inside `jsonwebtoken` with a plain JsonWebTokenError, which
 * CloudAdapter answers with 500. It is turned into an AuthenticationError, so the caller gets 401 like every
 * other refused token. Any other failure while checking a token (the OpenID metadata or its keys cannot be
 * fetched: DNS, refused connection, timeout, bad JSON) is a 401 as well, without the cause in the answer: a
 * token that cannot be verified is not accepted, and a caller learns nothing about the metadata server.
 *
 * The signing keys come from {@link OpenIdKeys} (openIdKeys.ts): cached, fetched once for all waiting requests
 * within `openIdTimeoutMs`, and after a failure tried again only after a growing pause, so a hanging or failing
 * metadata server costs a request at most the timeout, and costs the server one fetch, not one per request.
 *
 * @example
 * const adapter = new CloudAdapter(createBotAuthentication(config));
 */
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { AppConfig } from '../config';
import { installOpenIdKeys, openIdMetadataUrls } from './openIdKeys';

/** How long fetching the OpenID metadata and keys may take before the token is refused (OPENID_TIMEOUT_MS). */
export const DEFAULT_OPENID_TIMEOUT_MS = 5000;

/** Errors `jsonwebtoken` throws for a token that is not acceptable. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      if (!(error instanceof AuthenticationError) && name && TOKEN_ERRORS.has(name)) {
        throw new AuthenticationError(`Unauthorized: ${(error as Error).message}`, StatusCodes.UNAUTHORIZED);
      }
      if (error instanceof AuthenticationError && Number(error.statusCode) === 401) throw error;
      // The metadata or key fetch failed (or anything else): the token is not verified, so not accepted.
      throw new AuthenticationError('Unauthorized: the token could not be verified', StatusCodes.UNAUTHORIZED);
    }
  }
}

export function createBotAuthentication(
  config: Pick<AppConfig, 'credentials' | 'openIdMetadataUrl'> & Partial<Pick<AppConfig, 'openIdTimeoutMs'>>,
): StrictBotFrameworkAuthentication {
  const { appType, appId, appPassword, tenantId } = config.credentials;
  installOpenIdKeys(openIdMetadataUrls(config.openIdMetadataUrl), {
    timeoutMs: config.openIdTimeoutMs ?? DEFAULT_OPENID_TIMEOUT_MS,
  });
  return new StrictBotFrameworkAuthentication({
    MicrosoftAppType: appType || undefined,
    MicrosoftAppId: appId || undefined,
    MicrosoftAppPassword: appPassword || undefined,
    MicrosoftAppTenantId: tenantId || undefined,
    ...(config.openIdMetadataUrl ? publicCloudWithOpenIdMetadata(config.openIdMetadataUrl) : {}),
  });
}

/**
 * The public cloud's settings with another OpenID metadata URL for tokens sent to the bot (channel and emulator
 * tokens alike). botbuilder takes a partly given set of these as "all given", so the rest is spelled out.
 */
function publicCloudWithOpenIdMetadata(url: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: url,
    ToBotFromEmulatorOpenIdMetadataUrl: url,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
