/**
 * A minimal but real Windows x64 console program (PE32+): one .text section whose entry point is
 * `xor eax, eax; ret` (exit code 0). Enough for osslsigncode/signtool to sign and verify, so the
 * signing hook is tested on an actual PE file rather than on random bytes.
 */
export function minimalPe(): Buffer {
  const file = Buffer.alloc(0x400);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x40, 0x3c); // e_lfanew
  file.write('PE\0\0', 0x40, 'latin1');
  const coff = 0x44;
  file.writeUInt16LE(0x8664, coff); // AMD64
  file.writeUInt16LE(1, coff + 2); // sections
  file.writeUInt16LE(240, coff + 16); // size of optional header (PE32+)
  file.writeUInt16LE(0x0023, coff + 18); // relocs stripped | executable | large address aware
  const opt = coff + 20;
  file.writeUInt16LE(0x20b, opt); // PE32+
  file.writeUInt8(14, opt + 2);
  file.writeUInt32LE(0x200, opt + 4); // size of code
  file.writeUInt32LE(0x1000, opt + 16); // entry point RVA
  file.writeUInt32LE(0x1000, opt + 20); // base of code
  file.writeBigUInt64LE(0x140000000n, opt + 24); // image base
  file.writeUInt32LE(0x1000, opt + 32); // section alignment
  file.writeUInt32LE(0x200, opt + 36); // file alignment
  file.writeUInt16LE(6, opt + 40); // OS version 6.0
  file.writeUInt16LE(6, opt + 48); // subsystem version 6.0
  file.writeUInt32LE(0x2000, opt + 56); // size of image
  file.writeUInt32LE(0x200, opt + 60); // size of headers
  file.writeUInt16LE(3, opt + 68); // console subsystem
  file.writeUInt16LE(0x8100, opt + 70); // NX compatible, terminal-server aware
  file.writeBigUInt64LE(0x100000n, opt + 72); // stack reserve
  file.writeBigUInt64LE(0x1000n, opt + 80); // stack commit
  file.writeBigUInt64LE(0x100000n, opt + 88); // heap reserve
  file.writeBigUInt64LE(0x1000n, opt + 96); // heap commit
  file.writeUInt32LE(16, opt + 108); // number of data directories (all empty; #4 gets the signature)
  const section = opt + 240;
  file.write('.text', section, 'latin1');
  file.writeUInt32LE(3, section + 8); // virtual size
  file.writeUInt32LE(0x1000, section + 12); // RVA
  file.writeUInt32LE(0x200, section + 16); // raw size
  file.writeUInt32LE(0x200, section + 20); // raw pointer
  file.writeUInt32LE(0x60000020, section + 36); // code | execute | read
  Buffer.from([0x31, 0xc0, 0xc3]).copy(file, 0x200); // xor eax, eax; ret
  return file;
}
