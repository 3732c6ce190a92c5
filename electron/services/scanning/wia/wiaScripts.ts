/**
 * PowerShell scripts driving Windows Image Acquisition through its COM automation layer
 * (WIA.DeviceManager, wiaaut.dll — part of every Windows since Vista). Parameters come in through
 * environment variables (never spliced into the script text), results go out as one JSON object
 * per line on stdout.
 */

/** WIA property ids (wiadef.h). */
export const WIA = {
  DOCUMENT_HANDLING_CAPABILITIES: 3086,
  DOCUMENT_HANDLING_SELECT: 3088,
  PAGES: 3096,
  CUR_INTENT: 6146,
  XRES: 6147,
  YRES: 6148,
  /** DOCUMENT_HANDLING_SELECT bits. */
  FEEDER: 1,
  FLATBED: 2,
  DUPLEX: 4,
  /** CUR_INTENT values. */
  INTENT_COLOR: 1,
  INTENT_GRAY: 2,
  INTENT_TEXT: 4,
  FORMAT_PNG: '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}',
} as const;

export const LIST_SCRIPT = `
$ErrorActionPreference = 'Stop'
$dm = New-Object -ComObject WIA.DeviceManager
foreach ($info in $dm.DeviceInfos) {
  if ($info.Type -ne 1) { continue }
  $name = $info.Properties.Item('Name').Value
  $flatbed = $true; $adf = $false; $duplex = $false
  try {
    $dev = $info.Connect()
    foreach ($p in $dev.Properties) {
      if ($p.PropertyID -eq ${WIA.DOCUMENT_HANDLING_CAPABILITIES}) {
        $v = [int]$p.Value
        $flatbed = ($v -band ${WIA.FLATBED}) -ne 0; $adf = ($v -band ${WIA.FEEDER}) -ne 0; $duplex = ($v -band ${WIA.DUPLEX}) -ne 0
      }
    }
  } catch { }
  [pscustomobject]@{ id = $info.DeviceID; name = $name; flatbed = $flatbed; adf = $adf; duplex = $duplex } | ConvertTo-Json -Compress
}
`;

export const SCAN_SCRIPT = `
$ErrorActionPreference = 'Stop'
function Fail($e) { [pscustomobject]@{ error = ('0x{0:X8}' -f $e.Exception.ErrorCode) } | ConvertTo-Json -Compress; exit 0 }
function SetProp($props, $id, $value) { foreach ($p in $props) { if ($p.PropertyID -eq $id) { $p.Value = $value; return } } }
try {
  $dm = New-Object -ComObject WIA.DeviceManager
  $info = $null
  foreach ($i in $dm.DeviceInfos) { if ($i.DeviceID -eq $env:NIN1_WIA_DEVICE) { $info = $i } }
  if (-not $info) { [pscustomobject]@{ error = '0x80210015' } | ConvertTo-Json -Compress; exit 0 }
  $dev = $info.Connect()
  $handling = [int]$env:NIN1_WIA_HANDLING
  SetProp $dev.Properties ${WIA.DOCUMENT_HANDLING_SELECT} $handling
  SetProp $dev.Properties ${WIA.PAGES} 1
  $item = $dev.Items.Item(1)
  SetProp $item.Properties ${WIA.CUR_INTENT} ([int]$env:NIN1_WIA_INTENT)
  SetProp $item.Properties ${WIA.XRES} ([int]$env:NIN1_WIA_DPI)
  SetProp $item.Properties ${WIA.YRES} ([int]$env:NIN1_WIA_DPI)
} catch [System.Runtime.InteropServices.COMException] { Fail $_ }
$n = 0
while ($true) {
  try {
    $img = $item.Transfer('${WIA.FORMAT_PNG}')
  } catch [System.Runtime.InteropServices.COMException] {
    $code = '0x{0:X8}' -f $_.Exception.ErrorCode
    if ($code -eq '0x80210003' -and $n -gt 0) { break }
    Fail $_
  }
  $n++
  $file = Join-Path $env:NIN1_WIA_DIR ('p{0:D4}.png' -f $n)
  $img.SaveFile($file)
  [pscustomobject]@{ page = $n; file = $file } | ConvertTo-Json -Compress
  if (($handling -band ${WIA.FEEDER}) -eq 0) { break }
}
[pscustomobject]@{ done = $n } | ConvertTo-Json -Compress
`;
