import { z } from '../zod';

const NUL = String.fromCharCode(0);

/**
 * Free text a client sends the platform (filters, reasons, notes, labels). PostgreSQL's TEXT cannot
 * hold U+0000 and answered 500, while SQLite stored it and answered 200: refused here, at the schema,
 * so both stores give the same typed 400 and store nothing.
 */
export const platformText = () => z.string().refine((s) => !s.includes(NUL), '文字不可包含 NUL 控制字元（\\u0000）');
