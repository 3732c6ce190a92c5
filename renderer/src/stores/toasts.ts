import { create } from 'zustand';

export type ToastKind = 'error' | 'success' | 'info';
export type Toast = { id: number; kind: ToastKind; text: string };

type ToastState = {
  toasts: Toast[];
  push(kind: ToastKind, text: string): void;
  dismiss(id: number): void;
};

let nextId = 1;
const LIFETIME_MS: Record<ToastKind, number> = { success: 5000, info: 5000, error: 12000 };

/** Short messages for the clerk (saved, failed, signed out). Errors stay longer and can be closed. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(kind, text) {
    const id = nextId++;
    set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, kind, text }].slice(-4) });
    window.setTimeout(() => get().dismiss(id), LIFETIME_MS[kind]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = {
  error: (text: string) => useToasts.getState().push('error', text),
  success: (text: string) => useToasts.getState().push('success', text),
  info: (text: string) => useToasts.getState().push('info', text),
};
