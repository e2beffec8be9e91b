import 'server-only';

// The mail layer's public API: every email the shop sends goes through here. A message is stored
// in the outbox first (in the caller's transaction when there is one), then delivered once.
export {
  deliverDueMail,
  deliverMail,
  queueMail,
  queueUnrendered,
  registerMailRenderer,
  sendMail,
  unrenderedMail,
  type DeliveryOutcome,
  type MailMessage,
  type MailRenderer,
  type RenderedMail,
} from './outbox';
export { activeMailTransport, isMailboxActive, mailboxTransport, type MailTransport, type OutgoingMail } from './transports';
export { startBackgroundMailSender } from './background';
export { listMailbox, getMailboxMessage, type MailboxEntry } from './mailbox';
export { signInMessage } from './templates/sign-in';
