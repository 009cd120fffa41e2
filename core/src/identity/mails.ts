import type { MailMessage } from '../mail/mailer.js';

/** The mails identity sends. Links carry their token in the fragment, which browsers never send to a server. */
export const identityMails = {
  confirmSignUp: (to: string, link: string): MailMessage => ({
    to,
    subject: 'Confirm your Outpost account',
    text: `Someone, hopefully you, signed up for Outpost with this address.\n\nConfirm it within 24 hours:\n${link}\n\nIf it was not you, ignore this mail.\n`,
  }),
  alreadyRegistered: (to: string, resetLink: string): MailMessage => ({
    to,
    subject: 'Your Outpost account',
    text: `Someone tried to sign up for Outpost with this address, which already has an account.\n\nIf you forgot your password, set a new one within 24 hours:\n${resetLink}\n\nOtherwise ignore this mail.\n`,
  }),
  password: (to: string, password: string, signInLink: string): MailMessage => ({
    to,
    subject: 'Your Outpost password',
    text: `Your account is active. Sign in with this password:\n\n${password}\n\nYou will choose your own password at the first sign-in:\n${signInLink}\n`,
  }),
  resetPassword: (to: string, link: string): MailMessage => ({
    to,
    subject: 'Set a new Outpost password',
    text: `Someone, hopefully you, asked to reset the password of this Outpost account.\n\nSet a new one within 24 hours:\n${link}\n\nIf it was not you, ignore this mail; your password stays as it is.\n`,
  }),
};
