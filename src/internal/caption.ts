/**
 * A caption without the ▲ (or △) that old CMS captions start with: the elements draw the
 * marker themselves, so it is shown once and never read aloud as text.
 */
export function withoutCaptionMarker(caption: string): string {
  return caption.trim().replace(/^[▲△]\s*/, '');
}
