/**
 * Vector tests: PDUs from published sources, each cited. Expected values are the source's own.
 */
import { describe, expect, it } from 'vitest';
import { decodePdu, encodeSubmit } from './index';

// Source: ModemManager, src/tests/test-sms-part-3gpp.c (linux-mobile-broadband/ModemManager),
// PDUs captured from real networks; expected fields as asserted there.
const MM_PDU1 =
  '07912104442961F4040B916171957291F800001120821105050A' +
  '6AC8B2BC7C9A83C220F6DB7D2ECB41EDF27C1E3E97411BDE06754FD3D1A0F9BB5D0695F1F4B29B5C2683C6E8B03C3CA697E5F34D6AE303D1D1F2F7DD0D4ABB59A0797D8C0685E7A00028EC26832A960B28EC2683BE6050780EBA97D96C17';

describe('decode: real captured PDUs (ModemManager test-sms-part-3gpp.c)', () => {
  it('pdu1: GSM 7-bit with extension characters, negative zone', () => {
    const m = decodePdu(MM_PDU1);
    expect(m.type).toBe('deliver');
    if (m.type !== 'deliver') return;
    expect(m.smsc?.text).toBe('+12404492164');
    expect(m.address.text).toBe('+16175927198');
    expect(m.timestamp.iso).toBe('2011-02-28T11:50:50-05:00');
    expect(m.userData.text).toBe("Here's a longer message [{with some extended characters}] thrown in, such as £ and ΩΠΨ and §¿ as well.");
  });

  it('pdu2: alphanumeric originator, UCS-2 text', () => {
    const m = decodePdu('07919730071111F10414D04937BD2C7797E9D3E61400081130929102406108044204350441044 2'.replace(/ /g, ''));
    if (m.type !== 'deliver') throw new Error('expected deliver');
    expect(m.smsc?.text).toBe('+79037011111');
    expect(m.address.text).toBe('InternetSMS');
    expect(m.address.ton).toBe('alphanumeric');
    expect(m.timestamp.iso).toBe('2011-03-29T19:20:04+04:00');
    expect(m.userData.text).toBe('тест');
    expect(m.userData.encoding).toBe('ucs2');
  });

  it('pdu3 natl: TON unknown keeps the digits without +', () => {
    const m = decodePdu('07912143658709F1040B818100551512F20000111010214365000AE8329BFD4697D9EC37');
    if (m.type !== 'deliver') throw new Error('expected deliver');
    expect(m.address.text).toBe('18005551212');
    expect(m.timestamp.iso).toBe('2011-01-01T12:34:56+00:00');
    expect(m.userData.text).toBe('hellohello');
  });

  it('pdu3 8-bit: data kept as bytes, no text', () => {
    const m = decodePdu('07912143658709F1040B919100551512F20004111010214365000AE8329BFD4697D9EC37DE'.replace('9100', '8100'));
    if (m.type !== 'deliver') throw new Error('expected deliver');
    expect(m.userData.encoding).toBe('8bit');
    expect(m.userData.text).toBeNull();
    expect([...m.userData.payload]).toEqual([0xe8, 0x32, 0x9b, 0xfd, 0x46, 0x97, 0xd9, 0xec, 0x37, 0xde]);
  });

  it('pdu dcsf1: DCS group 1111 class 1, 160 septets, French text (SFR)', () => {
    const hex =
      '07913306091093F0040485810000F1116042318051 80A0'.replace(/ /g, '') +
      '49B7F90D9A1AA5A01668F8769BD3E4B29B9E2EB359A03FC85D06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED741ED371D442E83E0E1F9BC0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D52D0BC2E07DDEF77D7DC2C7799E5A0771D040FCB41F402BB0047BFDD6550B80ECAD966';
    const m = decodePdu(hex);
    if (m.type !== 'deliver') throw new Error('expected deliver');
    expect(m.smsc?.text).toBe('+33609001390');
    expect(m.address.text).toBe('1800');
    expect(m.dcs.messageClass).toBe(1);
    expect(m.timestamp.iso).toBe('2011-06-24T13:08:15+02:00');
    expect(m.userData.text).toBe(
      'Info SFR - Confidentiel, à ne jamais transmettre -\r\nVoici votre nouveau mot de passe : sw2ced pour gérer votre compte SFR sur www.sfr.fr ou par téléphone au 963',
    );
  });

  it('insufficient data: TP-UDL longer than the data is a typed error with offset', () => {
    expect(() => decodePdu('07912143658709F1040B919100551512F20000111010214365000BE8329BFD4697D9EC37')).toThrowError(
      expect.objectContaining({ name: 'PduDecodeError', code: 'truncated' }),
    );
  });

  it('udhi: KPN NL welcome message with a 16-bit concatenation element', () => {
    const m = decodePdu(
      '07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E232' +
        '1BF46E83EA7790F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C1' +
        '6031D96C064241E5656838AF03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB' +
        '5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9' +
        'A0B49B5E96BBCB',
    );
    if (m.type !== 'deliver') throw new Error('expected deliver');
    expect(m.address.text).toBe('1002');
    expect(m.timestamp.iso).toBe('2011-06-29T23:32:19+02:00');
    expect(m.userData.concat).toEqual({ ref: 0x10, refBits: 16, part: 1, total: 2 });
    expect(m.userData.text).toBe(
      'Welkom, bel om uw Voicemail te beluisteren naar +31612001233 (PrePay: *100*1233#). Voicemail ontvangen is altijd gratis. Voor gebruik van mobiel interne',
    );
  });

  it('multipart: two parts of one 8-bit reference message', () => {
    const p1 = decodePdu(
      '07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E' +
        '83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434' +
        '081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97' +
        'E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB' +
        '0C9297E1F2F2BCECA6CF41',
    );
    const p2 = decodePdu(
      '07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D4447' +
        '9741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10',
    );
    if (p1.type !== 'deliver' || p2.type !== 'deliver') throw new Error('expected deliver');
    expect(p1.timestamp.iso).toBe('2012-04-25T19:56:50-04:00');
    expect(p1.userData.concat).toEqual({ ref: 0x4c, refBits: 8, part: 1, total: 2 });
    expect(p1.userData.text).toBe(
      'This is a very long test designed to exercise multi part capability. It should show up as one message, not as two, as the underlying encoding represents ',
    );
    expect(p2.userData.text).toBe('that the parts are related to one another. ');
  });

  it('stored by us: SMS-SUBMIT with an empty SMSC prefix, UCS-2 Chinese', () => {
    const m = decodePdu('002100098136397339F70008224F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60');
    if (m.type !== 'submit') throw new Error('expected submit');
    expect(m.smsc).toBeNull();
    expect(m.address.text).toBe('639337937');
    expect(m.statusReportRequest).toBe(true);
    expect(m.userData.text).toBe('你好你好你好你好你好你好你好你好你');
  });

  it('not stored: SMS-STATUS-REPORT', () => {
    const m = decodePdu('07914356060013F1065A098136397339F7219011700463802190117004638030');
    if (m.type !== 'status-report') throw new Error('expected status report');
    expect(m.smsc?.text).toBe('+34656000311');
    expect(m.address.text).toBe('639337937');
    expect(m.messageReference).toBe(0x5a);
    expect(m.serviceCentreTime.iso).toBe('2012-09-11T07:40:36+02:00');
    expect(m.dischargeTime.iso).toBe('2012-09-11T07:40:36+02:00');
    expect(m.status).toBe(0x30);
    // 0x30 is an SC-specific value in the "temporary error, SC still trying" group (§9.2.3.15).
    expect(m.outcome).toBe('pending');
  });
});

// Source: Lars Pettersson, "SMS and the PDU format" (dreamfabric.com), the SMS-DELIVER and
// SMS-SUBMIT walk-through examples ("hellohello").
describe('decode: dreamfabric PDU format walk-through', () => {
  it('SMS-DELIVER with SMSC +27381000015 and +02:00 zone', () => {
    const m = decodePdu('07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37');
    if (m.type !== 'deliver') throw new Error('expected deliver');
    expect(m.smsc?.text).toBe('+27381000015');
    expect(m.address.text).toBe('27838890001');
    expect(m.timestamp.iso).toBe('1999-03-29T15:16:59+02:00');
    expect(m.userData.text).toBe('hellohello');
  });

  it('SMS-SUBMIT without SMSC, relative validity AA = 4 days', () => {
    const m = decodePdu('0011000B916407281553F80000AA0AE8329BFD4697D9EC37');
    if (m.type !== 'submit') throw new Error('expected submit');
    expect(m.address.text).toBe('+46708251358');
    expect(m.validity).toEqual({ type: 'relative', minutes: 4 * 24 * 60 });
    expect(m.userData.text).toBe('hellohello');
  });
});

// Source: ModemManager test-sms-part-3gpp.c, PDU creator tests (validity 5 minutes, no class).
describe('encode: byte-exact against published SMS-SUBMIT PDUs', () => {
  it('UCS-2 with SMSC', () => {
    const r = encodeSubmit({
      to: '+15555551234',
      smsc: '+19037029920',
      text: 'Да здравствует король, детка!',
      validity: { type: 'relative', minutes: 5 },
    });
    expect(r.parts).toHaveLength(1);
    expect(r.parts[0]!.hex).toBe(
      '07919130079229F011000B915155551532F400080' +
        '03A04140430002004370434044004300432044104420432044304350442002004' +
        '3A043E0440043E043B044C002C0020043404350442043A04300021',
    );
    expect(r.parts[0]!.tpduLength).toBe(r.parts[0]!.hex.length / 2 - 8);
  });

  it('GSM 7-bit, no SMSC', () => {
    const r = encodeSubmit({
      to: '+15555551234',
      text: 'Hi there...Tue 17th Jan 2012 05:30.18 pm (GMT+1) ΔΔΔΔΔ',
      validity: { type: 'relative', minutes: 5 },
    });
    expect(r.parts[0]!.hex).toBe(
      '0011000B915155551532F4000000' + '36C834888E2ECBCB2E978B5A2F8362373A1AA40CBB4132584C0682D57433982B8603C1DB20D4B1495DC552200804028100',
    );
  });

  it('GSM 7-bit, 25 septets (last septet alone in its octet), no validity', () => {
    const r = encodeSubmit({ to: '+15556661234', text: 'This is really cool ΔΔΔΔΔ' });
    expect(r.parts[0]!.hex).toBe('0001000B915155661632F4000019547 47A0E4ACF41F27298CDCE83C6EF371B0481402010'.replace(/ /g, ''));
  });
});

// Source: node-sms-pdu README "Quick Start" (national number, GSM and UCS-2).
describe('encode: node-sms-pdu README examples', () => {
  it('national number, GSM 7-bit', () => {
    expect(encodeSubmit({ to: '09012345678', text: 'How are you doing?' }).parts[0]!.hex).toBe(
      '0001000B819010325476F8000012C8F71D14969741F9771D447EA7DDE71F',
    );
  });
  it('national number, UCS-2', () => {
    expect(encodeSubmit({ to: '09012345678', text: 'こんにちわ' }).parts[0]!.hex).toBe('0001000B819010325476F800080A30533093306B3061308F');
  });
});
