import { useEffect, type ReactNode } from 'react';
import type { DeviceKind, DeviceStatus } from '../../../shared/devices/schema';
import { useDevices } from '../stores/devices';
import { CertificateIcon, ReaderIcon, ScannerIcon } from './DeviceIcons';
import '../styles/devices.css';

type Item = { key: string; icon: ReactNode; label: string; state: 'on' | 'off' | 'none'; detail: string };

const named = (status: DeviceStatus, kinds: DeviceKind[]): string[] => status.devices.filter((d) => kinds.includes(d.kind)).map((d) => d.name);

function items(status: DeviceStatus | null): Item[] {
  if (!status) return [];
  const readers = named(status, ['card-reader', 'mrz-reader']);
  const scanners = named(status, ['barcode-scanner']);
  const cert = status.certificate;
  return [
    { key: 'reader', icon: <ReaderIcon />, label: '讀卡機', state: readers.length ? 'on' : 'off', detail: readers.length ? `已連線（${readers.join('、')}）` : '未連線' },
    { key: 'scanner', icon: <ScannerIcon />, label: '條碼掃描器', state: scanners.length ? 'on' : 'off', detail: scanners.length ? `已連線（${scanners.join('、')}）` : '未連線' },
    {
      key: 'certificate',
      icon: <CertificateIcon />,
      label: '憑證卡',
      state: !cert.configured ? 'none' : cert.present ? 'on' : 'off',
      detail: !cert.configured ? '未設定' : cert.present ? `已插入${cert.label ? `（${cert.label}）` : ''}` : '未插入',
    },
  ];
}

/**
 * Device status in the status bar: reader, scanner and certificate card, each connected or not,
 * and the last device error. Polls from the moment the app starts (the login screen needs to know
 * whether a certificate card is in).
 */
export function DeviceStrip() {
  const status = useDevices((s) => s.status);
  const start = useDevices((s) => s.start);
  const stop = useDevices((s) => s.stop);
  useEffect(() => {
    start();
    return stop;
  }, [start, stop]);

  if (!status) return null;
  return (
    <span className="device-strip" role="group" aria-label="周邊設備">
      {items(status).map((i) => (
        // The state is colour and strike-through on screen; role=img makes the label with the state
        // the item's one spoken name (an aria-label on a plain span is not read out).
        <span key={i.key} role="img" className={`device-strip__item device-strip__item--${i.state}`} aria-label={`${i.label}：${i.detail}`} title={`${i.label}：${i.detail}`}>
          {i.icon}
          <span className="device-strip__label">{i.label}</span>
        </span>
      ))}
      {status.lastError && (
        <span className="device-strip__error" title={status.lastError.message}>
          <span aria-hidden="true">⚠ </span>
          <span className="sr-only">設備最後錯誤：</span>
          {status.lastError.message}
        </span>
      )}
    </span>
  );
}
