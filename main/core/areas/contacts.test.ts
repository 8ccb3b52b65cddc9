/**
 * The Contacts screen's calls against the real core and an in-memory archive (home country
 * Germany): paging and search, editing with every number checked, groups, and vCard / CSV
 * import in chunks with the importer's report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactGroupView, ContactImportSummary, ContactPage, ContactView, ContactsChanged } from '../../contract';
import type { StationCore } from '../core';
import { closeCores, demoCore, nextEvent } from '../testing';

afterEach(closeCores);

async function value<T>(core: StationCore, name: string, args: unknown): Promise<T> {
  const r = await core.call(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function refusal(core: StationCore, name: string, args: unknown): Promise<{ code: string; message: string }> {
  const r = await core.call(name, args);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.error;
}

function save(core: StationCore, name: string, numbers: string[], contactId?: string): Promise<ContactView> {
  return value<ContactView>(core, 'contacts.save', {
    ...(contactId ? { contactId } : {}),
    name,
    numbers: numbers.map((number) => ({ number })),
  });
}

async function importText(core: StationCore, format: 'vcard' | 'csv', text: string, chunk = 7): Promise<ContactImportSummary> {
  const { importId } = await value<{ importId: string }>(core, 'contacts.importStart', { format, size: text.length });
  for (let i = 0; i < text.length; i += chunk) await value(core, 'contacts.importChunk', { importId, text: text.slice(i, i + chunk) });
  return value<ContactImportSummary>(core, 'contacts.importFinish', { importId });
}

describe('contacts.list', () => {
  it('pages through every contact in name order, each exactly once', async () => {
    const core = demoCore();
    const names = Array.from({ length: 23 }, (_, i) => `Person ${String(i).padStart(2, '0')}`);
    // Added out of order, with one name twice: the id breaks the tie, and no row repeats or hides.
    for (const name of [...names].reverse()) await save(core, name, []);
    await save(core, 'person 05', []);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page: ContactPage = await value(core, 'contacts.list', { limit: 5, ...(after ? { after } : {}) });
      seen.push(...page.items.map((c) => c.name));
      after = page.next ?? undefined;
      pages++;
    } while (after !== undefined);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(24);
    expect(seen.map((n) => n.toLowerCase())).toEqual([...names, 'person 05'].map((n) => n.toLowerCase()).sort());
  });

  it('finds contacts by the start of a word of the name and by digits of a number', async () => {
    const core = demoCore();
    await save(core, 'Anna Schmidt', ['0170 1234567']);
    await save(core, 'Bernd Maier', ['+49 30 9876543']);
    const byName: ContactPage = await value(core, 'contacts.list', { text: 'schm' });
    expect(byName.items.map((c) => c.name)).toEqual(['Anna Schmidt']);
    const byNumber: ContactPage = await value(core, 'contacts.list', { text: '030 98765' });
    expect(byNumber.items.map((c) => c.name)).toEqual(['Bernd Maier']);
    const none: ContactPage = await value(core, 'contacts.list', { text: 'zzz' });
    expect(none.items).toEqual([]);
  });

  it('refuses a cursor that was not made by the list', async () => {
    const core = demoCore();
    expect(await refusal(core, 'contacts.list', { after: 'not-a-cursor' })).toMatchObject({ code: 'bad-request' });
  });
});

describe('contacts.save and contacts.delete', () => {
  it('stores numbers in E.164, renames a contact, and the conversation list shows the new name', async () => {
    const core = demoCore();
    const anna = await save(core, 'Anna', ['0170 1234567']);
    expect(anna).toMatchObject({ name: 'Anna', numbers: [{ number: '+491701234567', raw: '0170 1234567' }], reachable: null });
    const changed = nextEvent(core, 'contacts.changed', (e: ContactsChanged) => e.what === 'contacts');
    await value(core, 'messages.send', { to: '+491701234567', text: 'Hello' });
    const renamed = await save(core, 'Anna Schmidt', ['+49 170 1234567'], anna.id);
    expect(renamed.id).toBe(anna.id);
    await changed;
    const conversations = await value<{ items: { peer: string; title: string }[] }>(core, 'conversations.list', {});
    expect(conversations.items).toEqual([expect.objectContaining({ peer: '+491701234567', title: 'Anna Schmidt' })]);
  });

  it('refuses a bad number in words and changes nothing', async () => {
    const core = demoCore();
    const anna = await save(core, 'Anna', ['0170 1234567']);
    const error = await refusal(core, 'contacts.save', {
      contactId: anna.id,
      name: 'Anna B',
      numbers: [{ number: '0170 7654321' }, { number: '+1 650' }],
    });
    expect(error).toEqual({
      code: 'bad-request',
      message: '“+1 650” is not a valid phone number: check the country code and the number of digits.',
    });
    expect((await refusal(core, 'contacts.save', { name: 'X', numbers: [{ number: '0170 123456789012' }] })).message).toBe(
      '“0170 123456789012” is not a valid phone number in Germany.',
    );
    expect((await refusal(core, 'contacts.save', { name: 'X', numbers: [{ number: '*100#' }] })).message).toBe(
      '“*100#” is not a phone number: use only digits, spaces and a + in front.',
    );
    const page: ContactPage = await value(core, 'contacts.list', {});
    expect(page.items).toEqual([
      expect.objectContaining({ name: 'Anna', numbers: [expect.objectContaining({ number: '+491701234567' })] }),
    ]);
  });

  it('keeps short codes and sender names, and deletes a contact', async () => {
    const core = demoCore();
    const bank = await save(core, 'Bank', ['22333', 'MyBank']);
    expect(bank.numbers.map((n) => n.number).sort()).toEqual(['22333', 'MyBank']);
    await value(core, 'contacts.delete', { contactId: bank.id });
    expect((await value<ContactPage>(core, 'contacts.list', {})).items).toEqual([]);
    expect(await refusal(core, 'contacts.delete', { contactId: bank.id })).toMatchObject({ code: 'not-found' });
  });
});

describe('groups', () => {
  it('creates, renames, fills, narrows the list to, empties and deletes a group', async () => {
    const core = demoCore();
    const anna = await save(core, 'Anna', ['0170 1234567']);
    const bob = await save(core, 'Bob', ['0171 7654321']);
    await save(core, 'Carla', []);
    const team = await value<ContactGroupView>(core, 'groups.create', { name: 'Team' });
    expect(team).toMatchObject({ name: 'Team', members: 0 });
    expect(await refusal(core, 'groups.create', { name: 'team' })).toEqual({
      code: 'bad-request',
      message: 'There is already a group named “team”.',
    });
    expect(await value(core, 'groups.addMembers', { groupId: team.id, contactIds: [anna.id, bob.id] })).toMatchObject({ members: 2 });
    const renamed = await value<ContactGroupView>(core, 'groups.rename', { groupId: team.id, name: 'Office team' });
    expect(renamed).toEqual({ id: team.id, name: 'Office team', members: 2 });
    const members: ContactPage = await value(core, 'contacts.list', { groupId: team.id });
    expect(members.items.map((c) => [c.name, c.groups])).toEqual([
      ['Anna', ['Office team']],
      ['Bob', ['Office team']],
    ]);
    expect(await value(core, 'groups.removeMembers', { groupId: team.id, contactIds: [anna.id] })).toMatchObject({ members: 1 });
    expect(await value(core, 'groups.list', null)).toEqual([{ id: team.id, name: 'Office team', members: 1 }]);
    await value(core, 'groups.delete', { groupId: team.id });
    expect(await value(core, 'groups.list', null)).toEqual([]);
    expect((await value<ContactPage>(core, 'contacts.list', {})).items).toHaveLength(3);
    expect(await refusal(core, 'contacts.list', { groupId: team.id })).toMatchObject({ code: 'not-found' });
  });
});

const VCF = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'UID:anna-1',
  'FN:Anna Schmidt',
  'TEL;TYPE=CELL:0170 1234567',
  'CATEGORIES:Team',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'NOTE:no name, no number',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Bob Jones',
  'TEL;VALUE=uri;TYPE=cell:tel:+1-650-253-0000',
  'END:VCARD',
  '',
].join('\r\n');

describe('contacts import', () => {
  it('imports a vCard file sent in chunks and reports the skipped card with its position', async () => {
    const core = demoCore();
    const summary = await importText(core, 'vcard', VCF);
    expect(summary).toEqual({
      records: 3,
      added: 2,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      issues: [{ record: 2, line: 8, reason: 'The card has neither a name nor a phone number.' }],
    });
    const page: ContactPage = await value(core, 'contacts.list', {});
    expect(page.items.map((c) => [c.name, c.numbers.map((n) => n.number), c.groups])).toEqual([
      ['Anna Schmidt', ['+491701234567'], ['Team']],
      ['Bob Jones', ['+16502530000'], []],
    ]);
    // The same file again adds nothing; a changed card of the same UID updates its contact.
    expect(await importText(core, 'vcard', VCF, 4096)).toMatchObject({ added: 0, unchanged: 2, skipped: 1 });
    expect(await importText(core, 'vcard', VCF.replace('FN:Anna Schmidt', 'FN:Anna Meyer'), 4096)).toMatchObject({
      added: 0,
      updated: 1,
      unchanged: 1,
    });
  });

  it('imports a CSV file and reports the row it could not take', async () => {
    const core = demoCore();
    const summary = await importText(core, 'csv', 'Name,Phone\nCarla,0170 5555555\n,\nDora,+44 20 7946 0958\n');
    expect(summary).toMatchObject({ records: 2, added: 2, skipped: 0 });
    const bad = await importText(core, 'csv', 'Name,Phone,Group\nEve,0170 1111111,Family\n,,Family\n');
    expect(bad).toMatchObject({ records: 2, added: 1, skipped: 1, issues: [{ record: 2, line: 3 }] });
  });

  it('refuses a file over the size limit and an import that is not open', async () => {
    const core = demoCore();
    const tooBig = await refusal(core, 'contacts.importStart', { format: 'vcard', size: 21 * 1024 * 1024 });
    expect(tooBig).toEqual({ code: 'bad-request', message: 'The file is larger than 20 MB; split it into smaller files.' });
    const { importId } = await value<{ importId: string }>(core, 'contacts.importStart', { format: 'csv', size: 10 });
    await value(core, 'contacts.importFinish', { importId });
    expect(await refusal(core, 'contacts.importChunk', { importId, text: 'x' })).toMatchObject({ code: 'not-found' });
  });
});
