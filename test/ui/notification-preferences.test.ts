import { expect } from 'chai';
import {
  type NotificationRule,
  notificationChoice,
  notificationOutcome,
  readChoices,
  setNotificationRules,
} from '@outpost/ui/dist/notification-preferences.js';

const online: NotificationRule = { topic: 'devices.device.online', title: '{name} is online', soundField: 'sound' };
const ticket: NotificationRule = { topic: 'tickets.ticket.created', title: 'New ticket #{number}' };
const reply: NotificationRule = {
  topic: 'tickets.ticket.replied',
  title: '{author} replied',
  when: { field: 'from', equals: 'customer' },
};

describe('notification choices (web app)', () => {
  before(() => setNotificationRules([{ notifications: [online, ticket, reply] }]));

  it('shows a topic never changed, with the chime only when its rule has one', () => {
    expect(notificationChoice(online.topic)).to.deep.equal({ topic: online.topic, enabled: true, sound: true });
    expect(notificationChoice(ticket.topic)).to.deep.equal({ topic: ticket.topic, enabled: true, sound: false });
    expect(notificationOutcome(online, { sound: true })).to.deep.equal({ sound: true });
    // The device's own sound setting still decides.
    expect(notificationOutcome(online, { sound: false })).to.deep.equal({ sound: false });
    expect(notificationOutcome(ticket, {})).to.deep.equal({ sound: false });
  });

  it('honours the user’s choice: off shows nothing, sound off is silent, sound on chimes a rule without a sound field', () => {
    expect(notificationOutcome(online, { sound: true }, { topic: online.topic, enabled: false, sound: true })).to.equal(
      undefined,
    );
    expect(
      notificationOutcome(online, { sound: true }, { topic: online.topic, enabled: true, sound: false }),
    ).to.deep.equal({ sound: false });
    expect(notificationOutcome(ticket, {}, { topic: ticket.topic, enabled: true, sound: true })).to.deep.equal({
      sound: true,
    });
  });

  it('keeps a rule’s condition: a reply from the team raises nothing', () => {
    expect(notificationOutcome(reply, { from: 'team' })).to.equal(undefined);
    expect(notificationOutcome(reply, { from: 'customer' })).to.deep.equal({ sound: false });
  });

  it('reads only well-formed choices from the stored preference', () => {
    expect(readChoices(null)).to.deep.equal([]);
    expect(readChoices({ topic: 'x' })).to.deep.equal([]);
    expect(
      readChoices([
        { topic: 'a.b.c', enabled: false, sound: true },
        { topic: 'a.b.d', enabled: 'no', sound: true },
        'junk',
        null,
      ]),
    ).to.deep.equal([{ topic: 'a.b.c', enabled: false, sound: true }]);
  });
});
