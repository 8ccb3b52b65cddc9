/** Test stand-ins for the Electron parts main/electron uses (no Electron runtime in tests). */

/** What the tests switch: whether a keychain is there, and which one Linux picked. */
export interface FakeKeychain {
  available: boolean;
  backend: string;
}

/**
 * Electron's safeStorage as seen from outside: reversible, and visibly not the plain text.
 * Use it from a vi.mock('electron') factory with a vi.hoisted keychain.
 */
export function fakeSafeStorage(keychain: FakeKeychain): {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
} {
  return {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString: (text) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice('sealed:'.length)].reverse().join('');
    },
  };
}
