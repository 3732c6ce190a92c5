import type { z } from 'zod';
import type { Role } from '../auth/roles';
import type { Result } from '../result';

/**
 * One contract call: input and output schemas plus who may call it. The table of calls in api.ts is
 * the single source for the Electron preload, the browser host, the renderer client and the
 * services dispatcher — no hand-copied types anywhere.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export type CallSpec<I extends z.ZodType, O extends z.ZodType> = {
  input: I;
  output: O;
  access: Access;
  /** One line for the API index and logs. */
  summary: string;
  /** A background poll (status strip, live case view): does not count as activity for the idle lock. */
  passive?: boolean;
};

export const call = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> => spec;

type AnyCall = CallSpec<z.ZodType, z.ZodType>;
export type ContractTable = Record<string, AnyCall>;

export type InputOf<C extends ContractTable, K extends keyof C> = z.input<C[K]['input']>;
export type OutputOf<C extends ContractTable, K extends keyof C> = z.output<C[K]['output']>;

/** How any process reaches the services: IPC in Electron, loopback HTTP in the browser host. */
export type Transport = (method: string, input: unknown, session: string | null) => Promise<Result<unknown>>;
