/**
 * Browser code (as source text) that makes a shared chat readable in Web Chat. Web Chat puts every activity
 * from a user on the right as "you"; in a group demo room (several browsers in one conversation, joinRoute.ts)
 * the others' messages are someone else's. `roomView(action, ownId)` rewrites an incoming message from another
 * user into a message on the left that starts with the sender's name in bold, the way the customer's lines start
 * with the customer's name; its text is escaped, so what someone typed is never read as Markdown.
 *
 * Used by the page's store middleware (webChatClient.ts) and the join page (joinPage.ts).
 */
export const ROOM_VIEW_SCRIPT = `
function roomMarkdownText(text) {
  return String(text).replace(/([\\\\\`*_{}\\[\\]()#+\\-.!|<>~])/g, '\\\\$1');
}
function roomView(action, ownId) {
  if (!action || action.type !== 'DIRECT_LINE/INCOMING_ACTIVITY' || !action.payload) return action;
  var activity = action.payload.activity;
  if (!activity || activity.type !== 'message' || !activity.from || activity.from.role !== 'user') return action;
  if (!ownId || activity.from.id === ownId) return action;
  // Only the room's owner (the trainer who typed /demo on the plain page) has no name: joiners always give one.
  var name = (activity.from.name || '').trim() || 'Trainer';
  var text = typeof activity.text === 'string' ? activity.text : '';
  var shown = Object.assign({}, activity, {
    from: Object.assign({}, activity.from, { role: 'bot' }),
    text: '**' + roomMarkdownText(name) + ':** ' + roomMarkdownText(text),
    textFormat: 'markdown'
  });
  return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: shown }) });
}
`;
