import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../archive/index';
import { DEFAULT_RATE_PER_MINUTE, rateOf } from '../../station/rate';
import { runCommand as run } from '../testing';

const IMEI_A = '356938035643809';
const IMEI_B = '490154203237518';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** An archive that has seen two modems: A tells its number, B's SIM does not. */
function archiveWithModems(): string {
  dir = mkdtempSync(join(tmpdir(), 'cli-routes-'));
  const db = join(dir, 'archive.sqlite');
  const archive = openArchive(db, { defaultCountry: 'DE' });
  archive.modems.seen({ imei: IMEI_A, ownNumber: '+491555000001', manufacturer: 'Huawei', model: 'E173' }, Date.UTC(2026, 10, 23, 9, 0));
  archive.modems.seen({ imei: IMEI_B }, Date.UTC(2026, 10, 23, 10, 30));
  archive.close();
  return db;
}

describe('smsdesk modems', () => {
  it('lists the modems and sets the number of a SIM that does not tell it', async () => {
    const db = archiveWithModems();
    expect((await run(['modems', 'list', '--db', db])).out).toBe(
      [
        '   1  IMEI 356938035643809  +491555000001   Huawei E173, last seen 2026-11-23 09:00',
        '   2  IMEI 490154203237518  number unknown  unknown model, last seen 2026-11-23 10:30',
        '',
      ].join('\n'),
    );
    expect(await run(['modems', 'set-number', IMEI_B, '0155 5000002', '--db', db])).toMatchObject({
      code: 0,
      out: "Modem IMEI 490154203237518: its SIM's number is +491555000002.\n",
    });
    const { modems } = JSON.parse((await run(['modems', 'list', '--db', db, '--json'])).out) as {
      modems: { id: number; imei: string; ownNumber: string | null; lastSeenAt: string }[];
    };
    expect(modems.map((m) => [m.id, m.imei, m.ownNumber, m.lastSeenAt])).toEqual([
      [1, IMEI_A, '+491555000001', '2026-11-23T09:00:00.000Z'],
      [2, IMEI_B, '+491555000002', '2026-11-23T10:30:00.000Z'],
    ]);
    // The number now names the modem, as `send --from` does.
    expect((await run(['routes', 'add', '--prefix', '+44', '--modem', '+491555000002', '--db', db])).out).toBe(
      'Route 1 added: numbers starting +44 through +491555000002 (IMEI 490154203237518) (priority 100).\n',
    );
  });

  it('says what set-number needs, and which modems there are', async () => {
    const db = archiveWithModems();
    expect(await run(['modems', 'set-number', IMEI_B, '--db', db])).toMatchObject({
      code: 2,
      err: 'smsdesk modems set-number: Give the modem’s IMEI and the number, e.g. smsdesk modems set-number 356938035643809 +491701234567.\n',
    });
    expect((await run(['modems', 'set-number', IMEI_B, 'office', '--db', db])).err).toBe(
      'smsdesk modems set-number: "office" is not a phone number.\n',
    );
    expect((await run(['modems', 'set-number', '111111111111111', '+491701234567', '--db', db])).err).toBe(
      'smsdesk modems set-number: No modem with the IMEI 111111111111111 has been connected yet; "smsdesk modems list" shows them.\n',
    );
    dir = mkdtempSync(join(tmpdir(), 'cli-routes-empty-'));
    expect((await run(['modems', 'list', '--db', join(dir, 'empty.sqlite')])).out).toBe('No modem has been connected yet.\n');
  });
});

describe('smsdesk modems set-number --clear and set-rate', () => {
  it('forgets a number set by mistake, and sets and resets one modem’s own rate, which the station then uses', async () => {
    const db = archiveWithModems();
    await run(['modems', 'set-number', IMEI_B, '+491555000002', '--db', db]);
    expect(await run(['modems', 'set-number', IMEI_B, '--clear', '--db', db])).toMatchObject({
      code: 0,
      out: 'Modem IMEI 490154203237518: its number is forgotten.\n',
    });
    expect((await run(['modems', 'set-number', IMEI_B, '+491555000002', '--clear', '--db', db])).err).toBe(
      'smsdesk modems set-number: Give only the modem’s IMEI with --clear, e.g. smsdesk modems set-number 356938035643809 --clear.\n',
    );

    expect(await run(['modems', 'set-rate', IMEI_A, '20', '--db', db])).toMatchObject({
      code: 0,
      out: 'Modem IMEI 356938035643809: sends at most 20 SMS parts a minute.\n',
    });
    expect((await run(['modems', 'list', '--db', db])).out).toContain('Huawei E173, 20 a minute, last seen');
    let archive = openArchive(db, { defaultCountry: 'DE' });
    const a = archive.modems.find(IMEI_A)!;
    expect(rateOf(archive, a.id, DEFAULT_RATE_PER_MINUTE).limit).toBe(20);
    expect(rateOf(archive, archive.modems.find(IMEI_B)!.id, DEFAULT_RATE_PER_MINUTE).limit).toBe(DEFAULT_RATE_PER_MINUTE);
    archive.close();

    const reset = JSON.parse((await run(['modems', 'set-rate', IMEI_A, 'default', '--db', db, '--json'])).out) as Record<string, unknown>;
    expect(reset).toMatchObject({ imei: IMEI_A, ratePerMinute: null, ownNumber: '+491555000001' });
    archive = openArchive(db, { defaultCountry: 'DE' });
    expect(rateOf(archive, a.id, DEFAULT_RATE_PER_MINUTE).limit).toBe(DEFAULT_RATE_PER_MINUTE);
    archive.close();

    for (const bad of ['0', '2.5', '601', 'fast']) {
      expect(await run(['modems', 'set-rate', IMEI_A, bad, '--db', db])).toMatchObject({
        code: 2,
        err: `smsdesk modems set-rate: A rate is a whole number of parts a minute from 1 to 600, or "default"; "${bad}" is neither.\n`,
      });
    }
    expect((await run(['modems', 'set-rate', '111111111111111', '5', '--db', db])).err).toContain('No modem with the IMEI 111111111111111');
  });
});

describe('smsdesk routes', () => {
  it('adds routes by IMEI or number, lists them in the order they are tried, and removes one', async () => {
    const db = archiveWithModems();
    expect((await run(['routes', 'list', '--db', db])).out).toBe('No routes: every message goes through any modem.\n');
    expect(await run(['routes', 'add', '--prefix', '+49', '--modem', '+491555000001', '--db', db])).toMatchObject({
      code: 0,
      out: 'Route 1 added: numbers starting +49 through +491555000001 (IMEI 356938035643809) (priority 100).\n',
    });
    const second = JSON.parse(
      (await run(['routes', 'add', '--prefix', '+44 20', '--modem', IMEI_B, '--priority', '10', '--db', db, '--json'])).out,
    ) as Record<string, unknown>;
    expect(second).toEqual({ id: 2, priority: 10, prefix: '+4420', modemId: 2, imei: IMEI_B, ownNumber: null });
    await run(['routes', 'add', '--prefix', '', '--modem', IMEI_A, '--priority', '200', '--db', db]);
    expect((await run(['routes', 'list', '--db', db])).out).toBe(
      [
        '   2  numbers starting +4420 through IMEI 490154203237518 (priority 10)',
        '   1  numbers starting +49 through +491555000001 (IMEI 356938035643809) (priority 100)',
        '   3  every number through +491555000001 (IMEI 356938035643809) (priority 200)',
        '',
      ].join('\n'),
    );
    expect(await run(['routes', 'remove', '1', '--db', db])).toMatchObject({ code: 0, out: 'Route 1 removed.\n' });
    expect(await run(['routes', 'remove', '1', '--db', db])).toMatchObject({ code: 1, err: 'There is no route 1.\n' });
    const { routes } = JSON.parse((await run(['routes', 'list', '--db', db, '--json'])).out) as { routes: { id: number }[] };
    expect(routes.map((r) => r.id)).toEqual([2, 3]);
  });

  it('explains a bad prefix, an unknown modem and a missing option', async () => {
    const db = archiveWithModems();
    expect(await run(['routes', 'add', '--prefix', 'abc', '--modem', IMEI_A, '--db', db])).toMatchObject({
      code: 1,
      err: 'smsdesk routes add: A route starts numbers like "+49" or "+4917", not "abc".\n',
    });
    expect((await run(['routes', 'add', '--prefix', '+49', '--modem', '+491709999999', '--db', db])).err).toBe(
      'smsdesk routes add: No modem with the IMEI or number +491709999999 has been connected yet; "smsdesk modems list" shows them.\n',
    );
    expect((await run(['routes', 'add', '--modem', IMEI_A, '--db', db])).err).toBe(
      'smsdesk routes add: Give the start of the numbers with --prefix, e.g. --prefix +49.\n',
    );
    expect((await run(['routes', 'add', '--prefix', '+49', '--modem', IMEI_A, '--priority', 'high', '--db', db])).err).toBe(
      'smsdesk routes add: --priority is a whole number; lower is tried first.\n',
    );
    expect((await run(['routes', 'remove', 'x', '--db', db])).code).toBe(2);
  });
});
