/**
 * The Contacts screen in Chromium against the real core: a vCard file with a broken card
 * imported through the file input, the summary and the list, an edit refused for a bad
 * number and then saved, the new name in the Messages conversation list, a group with two
 * members, deleting a contact, and axe on every state of the screen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startDemoStation, useBrowser, type Station } from './harness';

const session = useBrowser();

// Card 2 has neither a name nor a number: the importer skips it and says where it starts.
const VCF = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'UID:anna-1',
  'FN:Anna Schmidt',
  'TEL;TYPE=CELL:0170 1234567',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'NOTE:a card with nothing to call',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Bob Jones',
  'TEL;VALUE=uri;TYPE=cell:tel:+1-650-253-0000',
  'END:VCARD',
  '',
].join('\r\n');

async function openContacts(): Promise<{ station: Station; page: Page; problems: string[] }> {
  const station = await startDemoStation();
  const { page, problems } = await session.open(station);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contacts-search').waitFor();
  return { station, page, problems };
}

function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

describe('Contacts screen', () => {
  it('imports a vCard file, edits a contact, shows the name in Messages, and makes a group of two', async () => {
    const { station, page, problems } = await openContacts();
    // A conversation with Anna's number exists before she is a contact: it is titled by the number.
    const sent = await station.core.call('messages.send', { to: '+491701234567', text: 'See you at 8' });
    expect(sent.ok).toBe(true);
    await page.getByTestId('contacts-empty').waitFor();

    // Import through the file input.
    await page.getByTestId('contacts-import').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'people.vcf', mimeType: 'text/vcard', buffer: Buffer.from(VCF) });
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await page.getByTestId('import-added').textContent()).toBe('2');
    expect(await page.getByTestId('import-updated').textContent()).toBe('0');
    expect(await page.getByTestId('import-skipped').textContent()).toBe('1');
    expect(await page.getByTestId('import-issues').locator('li').allTextContents()).toEqual([
      'Record 2 (line 7): The card has neither a name nor a phone number.',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'contacts-import-summary');

    // The contacts appear in the list, in name order, numbers in E.164.
    const options = page.getByTestId('contact');
    await eventually(() => options.count()).toBe(2);
    expect(await options.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Anna Schmidt, +491701234567',
      'Bob Jones, +16502530000',
    ]);

    // Edit Anna: a bad number is refused in words and nothing is saved; then the name is saved.
    await options.filter({ hasText: 'Anna Schmidt' }).click();
    const form = page.getByTestId('contact-form');
    await form.getByLabel('Name', { exact: true }).fill('Anna Meyer');
    await form.getByTestId('contact-add-number').click();
    await form.getByLabel('Number 2', { exact: true }).fill('+1 650');
    await form.getByTestId('contact-save').click();
    await eventually(() => form.getByTestId('contact-error').textContent()).toBe(
      'Not saved: “+1 650” is not a valid phone number: check the country code and the number of digits.',
    );
    expect(await options.filter({ hasText: 'Anna Meyer' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Remove number 2' }).click();
    await form.getByTestId('contact-save').click();
    await eventually(() => form.getByRole('status').textContent()).toBe('Saved.');
    await eventually(() => options.filter({ hasText: 'Anna Meyer' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // "Message +49…" opens a new message to that number in Messages.
    await form.getByTestId('contact-message').click();
    await eventually(() => page.getByTestId('nav-messages').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('composer-to').inputValue()).toBe('+491701234567');

    // Messages titles the conversation with the contact's new name.
    const conversation = page.getByTestId('conversation').first();
    await eventually(() => conversation.getAttribute('aria-label')).toMatch(/^Anna Meyer, /);

    // A group, then two members chosen in each contact's form.
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contacts-groups').click();
    await page.getByTestId('group-name').fill('Team');
    await page.getByTestId('group-name').press('Enter');
    await eventually(() => page.getByTestId('group').count()).toBe(1);
    expect(await page.getByTestId('group').textContent()).toContain('0 members');
    expect(await seriousViolations(page)).toEqual([]);
    for (const name of ['Anna Meyer', 'Bob Jones']) {
      await options.filter({ hasText: name }).click();
      await form.getByRole('checkbox', { name: 'Team' }).check();
      await eventually(() => options.filter({ hasText: name }).getAttribute('aria-label')).toContain('Team');
    }
    // Dark mode, with a row selected and its form open, passes axe too.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('contacts-groups').click();
    await eventually(() => page.getByTestId('group').textContent()).toContain('2 members');
    await page.getByRole('button', { name: 'Show members of Team' }).click();
    expect(await page.getByTestId('contacts-filter').inputValue()).not.toBe('');
    await eventually(() => options.count()).toBe(2);
    await screenshot(page, 'contacts-group');
    expect(problems).toEqual([]);
  }, 120_000);

  it('finds a contact by digits of its number, adds one by keyboard, deletes one after asking, in English and Chinese', async () => {
    const { page, problems } = await openContacts();
    // Add by keyboard only: the name field takes focus, Enter saves.
    await page.getByTestId('contact-new').click();
    await page.keyboard.type('Carla Rossi');
    await page.getByTestId('contact-number').fill('0171 7654321');
    await page.getByTestId('contact-number').press('Enter');
    const options = page.getByTestId('contact');
    await eventually(() => options.count()).toBe(1);
    expect(await options.first().getAttribute('aria-label')).toBe('Carla Rossi, +491717654321');

    await page.getByTestId('contacts-search').fill('7654');
    await eventually(() => options.count()).toBe(1);
    await page.getByTestId('contacts-search').fill('9999');
    await eventually(() => page.getByText('No contact matches “9999”.').count()).toBe(1);
    await page.getByTestId('contacts-search').press('Escape');
    await eventually(() => options.count()).toBe(1);

    // Arrow down from the search into the list, Enter opens, Delete asks first (Cancel is focused).
    await page.getByTestId('contacts-search').press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('contact-delete').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-cancel');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('contacts-empty').waitFor();

    // The whole screen speaks Simplified Chinese too.
    await page.getByTestId('language').selectOption('zh');
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contacts-empty').waitFor();
    expect(await page.locator('#contacts-heading').textContent()).toBe('联系人');
    expect(await page.getByTestId('contacts-empty').textContent()).toContain('还没有联系人');
    await page.getByTestId('contact-new').click();
    expect(await page.getByTestId('contact-form').getByLabel('姓名', { exact: true }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'contacts-new-zh');
    expect(problems).toEqual([]);
  }, 60_000);
});
