import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer, idleMs, watchActivity } from './idleTimer';

describe('idle lock timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after the idle time without activity', () => {
    const onIdle = vi.fn();
    const t = createIdleTimer(onIdle);
    t.arm(idleMs(2));
    vi.advanceTimersByTime(119_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(t.armed).toBe(false);
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('activity pushes the lock back by the full idle time from the last input', () => {
    const onIdle = vi.fn();
    const t = createIdleTimer(onIdle);
    t.arm(60_000);
    vi.advanceTimersByTime(50_000);
    t.activity();
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stop and arm(null) cancel; no policy value means no timer', () => {
    const onIdle = vi.fn();
    const t = createIdleTimer(onIdle);
    t.arm(1000);
    t.stop();
    t.arm(idleMs(undefined));
    vi.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
    expect(idleMs(0.05)).toBe(3000);
  });

  it('keyboard and pointer input on the window count as activity', () => {
    const onIdle = vi.fn();
    const t = createIdleTimer(onIdle);
    const target = new EventTarget();
    const off = watchActivity(target, t);
    t.arm(10_000);
    vi.advanceTimersByTime(9_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(9_000);
    target.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(9_000);
    expect(onIdle).not.toHaveBeenCalled();
    off();
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
