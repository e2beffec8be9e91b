import 'server-only';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { env } from '@/lib/env';

/** A stored file, opened for one download. */
export interface StoredFile {
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

/**
 * Where digital products' files live. The default is a local folder (DIGITAL_FILES_DIR, outside
 * public/ so nothing is served without a paid order); a deployment on a serverless host plugs in
 * object storage with `setFileStorage()` (an implementation whose `open` streams the object).
 */
export interface FileStorage {
  name: string;
  /** The file under `key`, or null when there is none. */
  open(key: string): Promise<StoredFile | null>;
}

/** Storage keys: relative paths of plain names, no `..`, no leading slash. */
const FILE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,120}){0,8}$/;

export function isFileKey(key: string): boolean {
  return FILE_KEY.test(key) && !key.split('/').includes('..');
}

/** Files in a folder on this machine. */
export function localFolderStorage(folder: string): FileStorage {
  const root = path.resolve(folder);
  return {
    name: `folder ${folder}`,
    async open(key) {
      if (!isFileKey(key)) return null;
      const file = path.resolve(root, key);
      if (!file.startsWith(root + path.sep)) return null;
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return null;
      return {
        size: info.size,
        stream: () => Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      };
    },
  };
}

const g = globalThis as unknown as { __storefrontFileStorage?: FileStorage };

/** The storage in use: the one set with setFileStorage(), else the DIGITAL_FILES_DIR folder. */
export function fileStorage(): FileStorage {
  return g.__storefrontFileStorage ?? localFolderStorage(env().DIGITAL_FILES_DIR);
}

/** Use another storage (object storage in a deployment; tests). `undefined` goes back to the folder. */
export function setFileStorage(storage: FileStorage | undefined): void {
  g.__storefrontFileStorage = storage;
}
