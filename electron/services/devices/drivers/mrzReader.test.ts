import { describe, expect, it } from 'vitest';
import { composeMrz, type MrzSource } from '../../../../shared/mrz';
import { DriverConfig, type WedgeConfig } from '../profiles/schema';
import { mrzReports, wedgeReports } from '../simulator/reports';
import { MrzReaderDriver } from './mrzReader';

const config = DriverConfig.parse({ kind: 'keyboard-wedge', purpose: 'mrz' }) as WedgeConfig;
const reader = () => new MrzReaderDriver(config, () => '2026-11-26');
const ARC: MrzSource = { format: 'TD1', documentCode: 'IR', issuingState: 'TWN', documentNumber: 'Y00012345', surname: 'NGUYEN', givenNames: 'THI LAN', nationality: 'VNM', birthDate: '950214', sex: 'F', expiryDate: '290630', optional1: 'A900000016' };

describe('MRZ document reader (keyboard mode)', () => {
  it('turns a swiped resident certificate into a person (統一證號, Latin name, ISO birth date)', () => {
    const d = reader();
    const out = mrzReports(ARC).flatMap((r) => d.onReport(r));
    expect(out).toEqual([
      {
        type: 'card-inserted',
        person: {
          source: 'mrz', id: 'A900000016', name: 'NGUYEN, THI LAN', birthDate: '1995-02-14', cardSerial: null,
          document: { format: 'TD1', documentNumber: 'Y00012345', nationality: 'VNM', expiryDate: '2029-06-30', sex: 'female' },
        },
      },
    ]);
  });

  it('reads a passport (TD3) and ignores the extra Enter readers send at the end', () => {
    const zone = composeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'UTO', documentNumber: 'L898902C3', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '300415', optional1: 'ZE184226B' });
    const d = reader();
    const out = wedgeReports(`${zone}\n\n`).flatMap((r) => d.onReport(r));
    expect(out).toMatchObject([{ type: 'card-inserted', person: { id: null, name: 'ERIKSSON, ANNA MARIA', document: { format: 'TD3' } } }]);
  });

  it('asks for a re-swipe on a bad check digit', () => {
    const lines = composeMrz(ARC).split('\n');
    lines[1] = lines[1]!.slice(0, 6) + ((Number(lines[1]![6]) + 1) % 10) + lines[1]!.slice(7);
    const d = reader();
    const out = mrzReports(lines.join('\n')).flatMap((r) => d.onReport(r));
    expect(out).toMatchObject([{ type: 'error', code: 'MRZ_CHECK_DIGIT', message: expect.stringContaining('出生日期') }]);
  });

  it('reports a short line at once instead of waiting for more lines', () => {
    const lines = composeMrz(ARC).split('\n');
    const d = reader();
    const out = wedgeReports(`${lines[0]}\n${lines[1]!.slice(0, 25)}\n`).flatMap((r) => d.onReport(r));
    expect(out).toMatchObject([{ type: 'error', code: 'MRZ_LINE_LENGTH' }]);
    // and the next swipe starts clean
    expect(mrzReports(ARC).flatMap((r) => d.onReport(r))).toMatchObject([{ type: 'card-inserted' }]);
  });

  it('reports a swipe cut off by an unplug', () => {
    const d = reader();
    mrzReports(ARC).slice(0, 80).forEach((r) => d.onReport(r));
    expect(d.onDisconnect()).toMatchObject([{ type: 'error', code: 'MRZ_INTERRUPTED' }]);
  });
});
