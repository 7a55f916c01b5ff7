/** Patterns that look like personal data; matches are counted, never stored or shown. */
export const PII_PATTERNS = {
  email: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u,
  // Three digit groups split by spaces, dots or dashes (an optional +country code first): 555-123-4567, +44 20 7946 0958.
  phone: /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b/,
} as const;
