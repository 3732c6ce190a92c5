/** Small line icons for the device strip (inline SVG: the CSP allows no remote images, and emoji fonts are not installed everywhere). */
const common = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.4, 'aria-hidden': true } as const;

export const ReaderIcon = () => (
  <svg {...common}>
    <rect x="1.5" y="3.5" width="13" height="9" rx="1.5" />
    <rect x="3.5" y="6" width="3" height="3" rx="0.5" />
    <path d="M9 7h3.5M9 9.5h2.5" />
  </svg>
);

export const ScannerIcon = () => (
  <svg {...common}>
    <path d="M2 3v10M4.5 3v10M6 3v10M8.5 3v10M11 3v10M12.5 3v10M14 3v10" />
  </svg>
);

export const CertificateIcon = () => (
  <svg {...common}>
    <circle cx="5.5" cy="8" r="3" />
    <path d="M8.5 8H15M12.5 8v2.5M14.5 8v2" />
  </svg>
);
