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
  /**
   * The largest message the bot sends here, in bytes of the serialized activity counted as UTF-16 (2 bytes per
   * code unit: {@link utf16Bytes}, how Teams counts). The debrief shortens itself to fit (dialogs/debriefFit.ts).
   */
  messageBudgetBytes: number;
}

/**
 * Teams refuses a bot message over 100 KB (413 MessageSizeTooBig) and Microsoft recommends staying within 80 KB
 * ("Format your bot messages"). 64 KB leaves 16 KB under that for what the connector adds (ids, addresses, the
 * conversation) and for a client that counts a little differently.
 */
const TEAMS_MESSAGE_BUDGET = 64 * 1024;

/**
 * Web Chat has no limit of its own this low; the bound keeps the card quick to render and to read. The page
 * keeps every message, and the card's every listed turn is a block, a button and a choice more to lay out. 96 KB
 * holds the inline SVG chart and the whole list of a role-play of about 25 ordinary turns (npm run
 * bench:debrief-size); a longer one keeps its most wanted turns, and the export has them all. A judgement, not a
 * measured limit: half again the Teams budget, since the inline chart alone takes 35 KB at 40 turns.
 */
const WEB_CHAT_MESSAGE_BUDGET = 96 * 1024;

/** Bytes of a message as Teams counts them: its JSON, 2 bytes per UTF-16 code unit. */
export function utf16Bytes(message: unknown): number {
  return JSON.stringify(message).length * 2;
}

/** Bytes a piece of text adds to a message's JSON (its escapes included), counted as utf16Bytes counts. */
export function textUtf16Bytes(text: string): number {
  return utf16Bytes(text) - utf16Bytes('');
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
  messageBudgetBytes: WEB_CHAT_MESSAGE_BUDGET,
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
    messageBudgetBytes: TEAMS_MESSAGE_BUDGET,
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
    messageBudgetBytes: WEB_CHAT_MESSAGE_BUDGET,
  },
};

/**
 * Any other channel: cards and inline images, nothing that needs a particular client; messages within the
 * strictest size we know (Teams'), since we do not know this client's.
 */
const OTHER_CHANNEL: ChannelCapabilities = {
  fileConsentInPersonalChat: false,
  downloadLinks: false,
  inlineSvgImages: true,
  updateInPlace: false,
  reachesLocalAddress: true,
  joinsWithEvent: false,
  pageFollowsLanguage: false,
  adaptiveCardVersion: '1.5',
  messageBudgetBytes: TEAMS_MESSAGE_BUDGET,
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
