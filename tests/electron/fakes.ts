/**
 * Structural stand-ins for the Electron objects the shell touches (never a mock of the whole `electron` module).
 * IPC crosses a structured clone, as Electron's does, and is delivered asynchronously, in order.
 */
import { EventEmitter } from 'node:events';
import type { InvokeEventLike, IpcMainLike } from '../../main/electron/ipc-adapter';
import type { IpcRendererLike } from '../../main/electron/preload-api';

const later = (fn: () => void) => setImmediate(fn);

/** A frame: its URL and whether it has a parent (a subframe). */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

/** A WebContents: an id, a main frame, renderer-side listeners reached by send(). */
export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  private destroyed = false;

  constructor(url = 'app://playground/index.html') {
    super();
    this.mainFrame = { url, parent: null };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    later(() => {
      for (const listener of this.rendererListeners.get(channel) ?? [])
        listener({ sender: 'ipcRenderer' }, ...cloned);
    });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits a preventable event, returning whether a listener prevented it. */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

/** ipcMain: one handler per channel, like Electron (a second handle() for a channel throws). */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();

  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a handler as a renderer frame would. */
  async invokeFrom(contents: FakeWebContents, frame: FakeFrame | null, channel: string, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event: InvokeEventLike = { sender: contents, senderFrame: frame };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
}

/** The renderer half of the loopback: what the preload's ipcRenderer does, over FakeIpcMain. */
export function createFakeIpcRenderer(ipcMain: FakeIpcMain, contents: FakeWebContents): IpcRendererLike {
  return {
    invoke: (channel, ...args) =>
      new Promise((resolve, reject) => {
        later(() => {
          ipcMain
            .invokeFrom(contents, contents.mainFrame, channel, ...args)
            .then(resolve, (error: unknown) => {
              // Electron rejects with only the message of what the handler threw.
              reject(new Error(`Error invoking remote method '${channel}': ${String(error)}`));
            });
        });
      }),
    on(channel, listener) {
      const set = contents.rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      contents.rendererListeners.set(channel, set);
      return this;
    },
  };
}

/** A safeStorage whose "ciphertext" is the UTF-8 bytes XOR-ed and reversed: never equal to the plaintext. */
export class FakeSafeStorage {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  reEncrypt = false;
  failDecrypt = false;
  readonly calls: string[] = [];

  private static scramble(bytes: Buffer): Buffer {
    return Buffer.from(bytes.map((b) => b ^ 0x5a).reverse());
  }

  isEncryptionAvailable(): boolean {
    this.calls.push('isEncryptionAvailable');
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    this.calls.push('encryptString');
    return this.encrypt(plainText);
  }
  decryptString(encrypted: Buffer): string {
    this.calls.push('decryptString');
    return this.decrypt(encrypted);
  }
  protected encrypt(plainText: string): Buffer {
    return FakeSafeStorage.scramble(Buffer.from(`enc:${plainText}`, 'utf8'));
  }
  protected decrypt(encrypted: Buffer): string {
    if (this.failDecrypt)
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const text = FakeSafeStorage.scramble(Buffer.from(encrypted)).toString('utf8');
    if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
    return text.slice(4);
  }
  getSelectedStorageBackend(): string {
    return this.backend ?? 'unknown';
  }
}

/** The same with the async API of Electron ≥ 39. */
export class FakeAsyncSafeStorage extends FakeSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable');
    return Promise.resolve(this.available);
  }
  encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync');
    return Promise.resolve(this.encrypt(plainText));
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    this.calls.push('decryptStringAsync');
    await Promise.resolve();
    return { result: this.decrypt(encrypted), shouldReEncrypt: this.reEncrypt };
  }
}
