// A deliberately small window onto ICU for Swift.
//
// Only plain C types cross this header: ICU's own typedefs would clash with the ICU copy that
// Foundation bundles, and ICU's versioned symbol names (unorm2_normalize_72) are macros Swift
// cannot import. Everything ICU-specific lives in temper_icu.c.
#ifndef TEMPER_ICU_H
#define TEMPER_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An ICU word break iterator. Not thread-safe: one per tokenizer.
typedef struct TemperWordBreaker TemperWordBreaker;

/// Opens a word break iterator with ICU's root rules (dictionary-based for CJK and Thai).
/// Returns NULL on failure and stores ICU's error name in `error` (may be NULL).
TemperWordBreaker *temper_wb_open(const char **error);
void temper_wb_close(TemperWordBreaker *breaker);

/// Points the iterator at UTF-16 text. The text must stay alive until the next call.
/// Returns 0 on success.
int32_t temper_wb_set_text(TemperWordBreaker *breaker, const uint16_t *text, int32_t length);

/// Advances to the next boundary; returns its UTF-16 offset or -1 at the end.
/// `rule_status` receives ICU's word rule status of the segment that ends there:
/// 0–99 none (spaces, punctuation, symbols), 100–199 number, 200–299 letter,
/// 300–399 kana, 400–499 ideographic.
int32_t temper_wb_next(TemperWordBreaker *breaker, int32_t *rule_status);

/// NFKC with case folding (Unicode NFKC_Casefold), which also removes default-ignorable code
/// points. Returns the length of the result; when it exceeds `capacity`, nothing useful was
/// written and the caller retries with a larger buffer. Returns -1 on an ICU error.
int32_t temper_nfkc_casefold(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity);

/// Character properties, answered by ICU.
int32_t temper_is_extended_pictographic(uint32_t scalar);
int32_t temper_is_regional_indicator(uint32_t scalar);
int32_t temper_is_emoji_modifier(uint32_t scalar);
int32_t temper_is_uppercase(uint32_t scalar);
int32_t temper_is_lowercase(uint32_t scalar);
int32_t temper_is_alphabetic(uint32_t scalar);
int32_t temper_is_whitespace(uint32_t scalar);
int32_t temper_is_punctuation(uint32_t scalar);
int32_t temper_is_default_ignorable(uint32_t scalar);
int32_t temper_is_control(uint32_t scalar);

/// The ICU version in use, e.g. "72.1".
const char *temper_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
