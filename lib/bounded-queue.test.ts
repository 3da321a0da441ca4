import { describe, expect, it } from "vitest";
import { boundedQueue, QueueFullError } from "./bounded-queue";

/** A job the test finishes by hand. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("boundedQueue", () => {
  it("runs at most `concurrency` jobs at once, the rest in the order they came", async () => {
    const queue = boundedQueue({ concurrency: 2, maxWaiting: 10 });
    const gates = Array.from({ length: 5 }, () => gate());
    const started: number[] = [];
    const done = gates.map((g, i) =>
      queue.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([queue.active, queue.waiting]).toEqual([2, 3]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates.forEach((g) => g.open());
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4]);
    expect([queue.active, queue.waiting]).toEqual([0, 0]);
  });

  it("refuses at once beyond the waiting line, and takes work again once it shortens", async () => {
    const queue = boundedQueue({ concurrency: 1, maxWaiting: 2 });
    const g = gate();
    const accepted = [
      queue.run(() => g.promise),
      queue.run(() => g.promise),
      queue.run(() => g.promise),
    ];
    await expect(queue.run(() => Promise.resolve("late"))).rejects.toBeInstanceOf(QueueFullError);
    await expect(queue.run(() => Promise.resolve("late"))).rejects.toThrow(
      "The server is busy; try again in a moment.",
    );
    g.open();
    await Promise.all(accepted);
    await expect(queue.run(() => Promise.resolve("now"))).resolves.toBe("now");
  });

  it("gives a failed job's slot to the next one and hands the error to its caller", async () => {
    const queue = boundedQueue({ concurrency: 1, maxWaiting: 5 });
    const failing = gate();
    const first = queue.run(() => failing.promise);
    const second = queue.run(() => Promise.resolve("second ran"));
    const thrower = queue.run(() => {
      throw new Error("thrown at once");
    });
    const third = queue.run(() => Promise.resolve("third ran"));
    failing.fail(new Error("argon2 failed"));
    await expect(first).rejects.toThrow("argon2 failed");
    await expect(second).resolves.toBe("second ran");
    await expect(thrower).rejects.toThrow("thrown at once");
    await expect(third).resolves.toBe("third ran");
    expect([queue.active, queue.waiting]).toEqual([0, 0]);
  });

  it("treats a concurrency below one as one", async () => {
    const queue = boundedQueue({ concurrency: 0, maxWaiting: 0 });
    const g = gate();
    const running = queue.run(() => g.promise);
    await expect(queue.run(() => Promise.resolve())).rejects.toBeInstanceOf(QueueFullError);
    g.open();
    await running;
  });
});
