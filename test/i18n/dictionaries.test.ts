import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { type TextOwner, placeholders, root, textOwners } from './sources.js';

type Dictionary = Record<string, string | undefined>;

async function shellGerman(): Promise<Dictionary> {
  return ((await import(pathToFileURL(join(root, 'ui', 'dist', 'locales', 'de.js')).href)) as { default: Dictionary })
    .default;
}

async function shellEnglish(): Promise<Dictionary> {
  return ((await import(pathToFileURL(join(root, 'ui', 'dist', 'i18n.js')).href)) as { englishMessages: Dictionary })
    .englishMessages;
}

function pluginGerman(owner: TextOwner): Dictionary {
  try {
    return JSON.parse(readFileSync(join(root, owner.dictionary), 'utf8')) as Dictionary;
  } catch (error) {
    throw new Error(`${owner.dictionary}: ${(error as Error).message}`);
  }
}

/** What is wrong with one owner's German: texts without an entry, entries whose placeholders differ. */
function problems(owner: TextOwner, german: Dictionary, english: Dictionary): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const { text, where } of owner.texts) {
    if (seen.has(text)) continue;
    seen.add(text);
    // A shell message is named by its key; its English text is in i18n.ts.
    const source = english[text] ?? text;
    const translation = german[text];
    if (typeof translation !== 'string' || translation.trim() === '')
      found.push(`no German in ${owner.dictionary} for ${JSON.stringify(text)} (${where})`);
    else if (placeholders(translation) !== placeholders(source))
      found.push(
        `${owner.dictionary}: ${JSON.stringify(text)} has placeholders [${placeholders(source)}] but its German ${JSON.stringify(translation)} has [${placeholders(translation)}] (${where})`,
      );
  }
  const used = new Set(owner.texts.map(({ text }) => text));
  for (const key of Object.keys(german))
    if (!used.has(key))
      found.push(`${owner.dictionary} translates ${JSON.stringify(key)}, which no source shows any more: remove it`);
  for (const { text, where } of owner.computed)
    found.push(
      `t() of a text built at run time, which no dictionary can hold: ${text} (${where}); use {name} placeholders`,
    );
  return found;
}

describe('the German translation', () => {
  let owners: TextOwner[];
  let english: Dictionary;
  before(async () => {
    owners = await textOwners();
    english = await shellEnglish();
  });

  it('finds the texts it checks (the shell, every plugin, their manifest labels)', () => {
    expect(owners.map((owner) => owner.id)).to.include.members(['shell', 'contacts', 'devices', 'invites', 'tickets']);
    for (const owner of owners) expect(owner.texts.length, owner.id).to.be.greaterThan(0);
    const devices = owners.find((owner) => owner.id === 'devices')!.texts.map((x) => x.text);
    expect(devices).to.include.members(['Devices', '{name} is online', 'Trash', 'No grouping']);
    expect(devices.filter((text) => text.startsWith('The machine: OS'))).to.have.length(1);
    const shell = owners.find((owner) => owner.id === 'shell')!.texts.map((x) => x.text);
    expect(shell).to.include.members(['shell.signOut', 'Account settings', 'Team members (with open invitations)']);
  });

  it('has every message of the shell, keyed ones included, with the same placeholders, and nothing else', async () => {
    const german = await shellGerman();
    const keyed = Object.keys(english).map((key) => ({ text: key, where: 'ui/src/i18n.ts' }));
    const shell = owners.find((owner) => owner.id === 'shell')!;
    const found = problems({ ...shell, texts: [...keyed, ...shell.texts] }, german, english);
    expect(found, `\n${found.join('\n')}\n`).to.have.length(0);
  });

  it("has every text of each plugin in the plugin's own dictionary, with the same placeholders, and nothing else", () => {
    const found = owners
      .filter((owner) => owner.id !== 'shell')
      .flatMap((owner) => problems(owner, pluginGerman(owner), {}));
    expect(found, `\n${found.join('\n')}\n`).to.have.length(0);
  });

  it('compares placeholders and plural forms', () => {
    expect(placeholders('{count, plural, one {# device of {name}} other {# devices}} in {tenant}')).to.equal(
      'count:plural(one,other) name tenant',
    );
    expect(placeholders('{count, plural, one {# Gerät} other {# Geräte}}')).to.equal(
      placeholders('{count, plural, one {# device} other {# devices}}'),
    );
    expect(placeholders('{count, plural, other {# Geräte}}')).not.to.equal(
      placeholders('{count, plural, one {# device} other {# devices}}'),
    );
    expect(placeholders('Hallo {nmae}')).not.to.equal(placeholders('Hello {name}'));
  });
});
