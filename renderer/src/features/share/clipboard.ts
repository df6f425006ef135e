/** Copies text to the clipboard; false when the browser refuses (the caller then asks the user to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Offers text as a file download (Blob + a temporary link), e.g. a preset file or a history export. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A timestamp safe in file names: 2024-06-11T09-30-00. */
export const fileStamp = (now = new Date()): string => now.toISOString().slice(0, 19).replace(/:/g, '-');
