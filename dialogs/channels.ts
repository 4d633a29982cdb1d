/**
 * What each client can show, in one table, so no code asks "is this Teams?". Channel ids are Bot Framework's
 * (`activity.channelId`); `projector` is our own projector page (src/server/projector), listed so its limits sit
 * next to the others'.
 */
import type { Activity } from 'botbuilder';

export interface ChannelCapabilities {
  /** Takes a file from a bot only through a file consent card, and only in a personal chat (Teams). */
  fileConsentInPersonalChat: boolean;
  /** Shows a file attachment with a data URL as a download link. */
  downloadLinks: boolean;
  /** Shows an SVG image from a data URL inside a card (Teams shows neither SVG nor large data URLs). */
  inlineSvgImages: boolean;
  /**
   * Can update a message it already shows (the group demo's round card): Teams; Web Chat through our embedded
   * Direct Line, whose connector takes `PUT …/activities/:id` and sends the activity again under the same id,
   * which Web Chat replaces where it stands.
   */
  updateInPlace: boolean;
  /** Links to this server's local address reach the user (false for a cloud client like Teams). */
  reachesLocalAddress: boolean;
  /** Announces itself with the `webchat/join` event (and its page language) instead of being greeted on join. */
  joinsWithEvent: boolean;
  /** The page around the chat switches its own language on the {@link LANGUAGE_EVENT} the bot sends after `/lang`. */
  pageFollowsLanguage: boolean;
  /** The newest Adaptive Card schema the client renders (our cards are 1.5). */
  adaptiveCardVersion: '1.5' | 'none';
}

/** The event the bot sends after `/lang xx` (value `{ lang }`), so the web chat page switches its own texts too. */
export const LANGUAGE_EVENT = 'webchat/lang';

export type KnownChannel = 'msteams' | 'directline' | 'webchat' | 'emulator' | 'test' | 'projector';

const WEB_CHAT: ChannelCapabilities = {
  fileConsentInPersonalChat: false,
  downloadLinks: true,
  inlineSvgImages: true,
  updateInPlace: true,
  reachesLocalAddress: true,
  joinsWithEvent: true,
  pageFollowsLanguage: true,
  adaptiveCardVersion: '1.5',
};

export const CHANNELS: Record<KnownChannel, ChannelCapabilities> = {
  msteams: {
    fileConsentInPersonalChat: true,
    downloadLinks: false,
    inlineSvgImages: false,
    updateInPlace: true,
    reachesLocalAddress: false,
    joinsWithEvent: false,
    pageFollowsLanguage: false,
    adaptiveCardVersion: '1.5',
  },
  directline: WEB_CHAT,
  webchat: WEB_CHAT,
  /** The Bot Framework Emulator: its update support is not something we test, so cards are posted again. */
  emulator: { ...WEB_CHAT, updateInPlace: false, joinsWithEvent: false, pageFollowsLanguage: false },
  /** botbuilder-testing's TestAdapter (it records updates). */
  test: { ...WEB_CHAT, joinsWithEvent: false, pageFollowsLanguage: false },
  /** The projector page draws its own view of a demo room: no cards, files or bot messages. */
  projector: {
    fileConsentInPersonalChat: false,
    downloadLinks: false,
    inlineSvgImages: true,
    updateInPlace: true,
    reachesLocalAddress: true,
    joinsWithEvent: false,
    pageFollowsLanguage: false,
    adaptiveCardVersion: 'none',
  },
};

/** Any other channel: cards and inline images, nothing that needs a particular client. */
const OTHER_CHANNEL: ChannelCapabilities = {
  fileConsentInPersonalChat: false,
  downloadLinks: false,
  inlineSvgImages: true,
  updateInPlace: false,
  reachesLocalAddress: true,
  joinsWithEvent: false,
  pageFollowsLanguage: false,
  adaptiveCardVersion: '1.5',
};

export function capabilitiesOf(channelId: string | undefined): ChannelCapabilities {
  return channelId !== undefined && Object.hasOwn(CHANNELS, channelId)
    ? CHANNELS[channelId as KnownChannel]
    : OTHER_CHANNEL;
}

/** Files are offered (through a consent card) where the client takes them from a bot: a Teams personal chat. */
export function canOfferFile(activity: Pick<Activity, 'channelId' | 'conversation'>): boolean {
  return (
    capabilitiesOf(activity.channelId).fileConsentInPersonalChat &&
    activity.conversation?.conversationType === 'personal'
  );
}
