#!/usr/bin/env python3
"""libgammu as an independent reference for the SMSDesk PDU codec (modem/pdu).

Reads JSON lines on stdin, answers one JSON line per request on stdout:
  {"batch": [request, ...]}  ->  {"results": [answer, ...]}
Requests:
  {"op": "decode", "pdus": [hex, ...]}
      -> {"parts": [{"type", "number", "text", "class", "coding", "udh": {...}, "srr"}],
          "text": linked text of all parts or null}
  {"op": "encode", "to", "text", "unicode", "class", "concat16", "statusReport", "validity"}
      -> {"pdus": [hex, ...]}          (SMS-SUBMIT)
  {"op": "deliver", "from", "text", "unicode", "class", "concat16", "smsc", "time": "YYYY-MM-DDTHH:MM:SS"}
      -> {"pdus": [hex, ...]}          (SMS-DELIVER as a modem would store it)
Any failure of one request answers {"error": "..."} for that request only.
With --check, exits 0 when python3-gammu imports, 2 otherwise.
"""
import datetime
import json
import sys

try:
    import gammu
except ImportError:  # pragma: no cover - reported to the caller
    if '--check' in sys.argv:
        sys.exit(2)
    print(json.dumps({"fatal": "python3-gammu is not installed (apt-get install python3-gammu)"}), flush=True)
    sys.exit(2)

if '--check' in sys.argv:
    sys.exit(0)


def part_info(sms):
    udh = sms.get('UDH') or {}
    return {
        'type': sms.get('Type'),
        'number': sms.get('Number'),
        'text': sms.get('Text'),
        'class': sms.get('Class'),
        'coding': sms.get('Coding'),
        'srr': None,
        'udh': {
            'type': udh.get('Type'),
            'id8': udh.get('ID8bit'),
            'id16': udh.get('ID16bit'),
            'part': udh.get('PartNumber'),
            'all': udh.get('AllParts'),
        },
        'reference': sms.get('MessageReference'),
        'status': sms.get('DeliveryStatus'),
        'dateTime': iso(sms.get('DateTime')),
        'smscDateTime': iso(sms.get('SMSCDateTime')),
    }


def iso(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S') if isinstance(value, datetime.datetime) else None


def decode(req):
    parts = [gammu.DecodePDU(bytes.fromhex(h)) for h in req['pdus']]
    text = None
    try:
        linked = gammu.LinkSMS([[p] for p in parts])
        if len(linked) == 1:
            info = gammu.DecodeSMS(linked[0])
            if info is not None:
                text = ''.join(e.get('Buffer') or '' for e in info['Entries'] if isinstance(e.get('Buffer'), str))
            else:
                text = ''.join(p.get('Text') or '' for p in linked[0])
    except Exception as e:  # linking is a convenience; per-part answers still stand
        text = None
    return {'parts': [part_info(p) for p in parts], 'text': text}


def encode(req):
    entry_id = 'ConcatenatedTextLong16bit' if req.get('concat16') else 'ConcatenatedTextLong'
    info = {
        'Class': req.get('class', -1),
        'Unicode': bool(req.get('unicode')),
        'Entries': [{'ID': entry_id, 'Buffer': req['text']}],
    }
    out = []
    for sms in gammu.EncodeSMS(info):
        sms['Number'] = req['to']
        sms['SMSC'] = {'Location': 0, 'Number': '', 'Validity': req.get('validity') or 'NA'}
        # libgammu marks "request a status report" by the Status_Report PDU type on a submit.
        sms['Type'] = 'Status_Report' if req.get('statusReport') else 'Submit'
        out.append(gammu.EncodePDU(sms, Layout='Submit').hex().upper())
    return {'pdus': out}


def deliver(req):
    entry_id = 'ConcatenatedTextLong16bit' if req.get('concat16') else 'ConcatenatedTextLong'
    info = {
        'Class': req.get('class', -1),
        'Unicode': bool(req.get('unicode')),
        'Entries': [{'ID': entry_id, 'Buffer': req['text']}],
    }
    when = datetime.datetime.strptime(req['time'], '%Y-%m-%dT%H:%M:%S')
    out = []
    for sms in gammu.EncodeSMS(info):
        sms['Number'] = req['from']
        sms['SMSC'] = {'Location': 0, 'Number': req.get('smsc', ''), 'Validity': 'NA'}
        sms['Type'] = 'Deliver'
        sms['DateTime'] = when
        out.append(gammu.EncodePDU(sms, Layout='Deliver').hex().upper())
    return {'pdus': out}


def answer(req):
    try:
        if req.get('op') == 'decode':
            return decode(req)
        if req.get('op') == 'encode':
            return encode(req)
        if req.get('op') == 'deliver':
            return deliver(req)
        return {'error': 'unknown op'}
    except Exception as e:
        return {'error': '%s: %s' % (type(e).__name__, e)}


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        msg = json.loads(line)
        if 'batch' in msg:
            reply = {'results': [answer(r) for r in msg['batch']]}
        else:
            reply = answer(msg)
        sys.stdout.write(json.dumps(reply, ensure_ascii=False) + '\n')
        sys.stdout.flush()


main()
