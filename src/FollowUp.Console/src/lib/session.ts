// The key lives in session storage: gone when the tab closes, never in a URL, never in local storage where another
// tab or a later user of the machine would find it.
const KeyName = "followup.apiKey";

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KeyName);
  } catch {
    return null;
  }
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KeyName, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KeyName);
}
