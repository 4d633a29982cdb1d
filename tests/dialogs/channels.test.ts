import { describe, expect, it } from 'vitest';
import { canOfferFile, capabilitiesOf, utf16Bytes } from '../../dialogs/channels';
import { buildFeedbackActivity, canDownload } from '../../dialogs/feedbackMessage';
import { buildReport } from '../../src/core';
import { shippedStage } from '../support/shippedContent';
import { startSession, stopSession } from '../../src/core';

describe('the channel table', () => {
  it('says what Teams cannot do that web chat can, and the other way round', () => {
    expect(capabilitiesOf('msteams')).toMatchObject({
      inlineSvgImages: false,
      downloadLinks: false,
      updateInPlace: true,
    });
    expect(capabilitiesOf('webchat')).toMatchObject({
      inlineSvgImages: true,
      downloadLinks: true,
      joinsWithEvent: true,
    });
    expect(capabilitiesOf('emulator').joinsWithEvent).toBe(false);
  });

  it('treats a channel it does not know as a plain card client', () => {
    expect(capabilitiesOf('slack')).toMatchObject({
      downloadLinks: false,
      inlineSvgImages: true,
      updateInPlace: false,
    });
    expect(capabilitiesOf(undefined)).toEqual(capabilitiesOf('slack'));
    expect(capabilitiesOf('toString')).toEqual(capabilitiesOf('slack'));
  });

  it('keeps each message within a size budget: Teams with a margin under the 80 KB Microsoft recommends', () => {
    // Bytes of the serialized activity counted as UTF-16, as Teams counts them: 2 per code unit, an emoji 4.
    expect(utf16Bytes({ text: 'ab' })).toBe(2 * '{"text":"ab"}'.length);
    expect(utf16Bytes({ text: '😡' })).toBe(utf16Bytes({ text: 'ab' }));
    expect(capabilitiesOf('msteams').messageBudgetBytes).toBeLessThanOrEqual(70 * 1024);
    expect(capabilitiesOf('webchat').messageBudgetBytes).toBeGreaterThan(capabilitiesOf('msteams').messageBudgetBytes);
    // A client we do not know gets the strictest budget we know.
    expect(capabilitiesOf('slack').messageBudgetBytes).toBe(capabilitiesOf('msteams').messageBudgetBytes);
  });

  it('offers files through consent only in a Teams personal chat', () => {
    expect(canOfferFile({ channelId: 'msteams', conversation: { conversationType: 'personal' } as never })).toBe(true);
    expect(canOfferFile({ channelId: 'msteams', conversation: { conversationType: 'groupChat' } as never })).toBe(
      false,
    );
    expect(canOfferFile({ channelId: 'webchat', conversation: { conversationType: 'personal' } as never })).toBe(false);
    expect(canDownload('directline')).toBe(true);
  });

  it('decides where the debrief chart comes from', () => {
    const stage = shippedStage();
    const session = stopSession(startSession(stage, { lang: 'en', seed: 1, now: 0 }), 60_000);
    const report = buildReport(session, stage.persona);
    const chartOf = (channelId: string) => JSON.stringify(buildFeedbackActivity(report, channelId, 'https://x/c.png'));
    expect(chartOf('webchat')).toContain('data:image/svg+xml;base64');
    expect(chartOf('msteams')).toContain('https://x/c.png');
    expect(chartOf('msteams')).not.toContain('data:image/svg+xml');
  });
});
