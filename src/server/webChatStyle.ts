/**
 * How Web Chat looks on every page of ours that shows it (the practice page, the intranet widget, the group demo's
 * join page): one set of Web Chat style options, sent to the browser with the page's settings. The avatar initials
 * follow the page's language, so the browser code adds them.
 */

/** Web Chat `styleOptions` in the given accent colour (the trainee's bubbles and avatar). */
export function webChatStyleOptions(accent: string): Record<string, string | number | boolean> {
  return {
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSizeSmall: '85%',
    rootHeight: '100%',
    rootWidth: '100%',
    accent,
    bubbleBackground: '#eef2f7',
    bubbleBorderRadius: 14,
    bubbleBorderWidth: 0,
    bubbleTextColor: '#14213d',
    bubbleFromUserBackground: accent,
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserBorderWidth: 0,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMaxWidth: 640,
    bubbleMinHeight: 44,
    botAvatarBackgroundColor: '#5b6b82',
    userAvatarBackgroundColor: accent,
    sendBoxHeight: 60,
    sendBoxTextWrap: true,
    hideUploadButton: true,
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 10,
  };
}
