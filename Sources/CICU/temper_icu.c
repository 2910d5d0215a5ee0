#include "temper_icu.h"

#if !__has_include(<unicode/ubrk.h>)
#error "Temper needs ICU's development headers: install them with 'apt-get install libicu-dev' (Debian/Ubuntu) and build again."
#endif

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>

struct TemperWordBreaker {
    UBreakIterator *iterator;
};

TemperWordBreaker *temper_wb_open(const char **error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status) || iterator == NULL) {
        if (error) *error = u_errorName(status);
        return NULL;
    }
    TemperWordBreaker *breaker = malloc(sizeof(TemperWordBreaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        if (error) *error = "out of memory";
        return NULL;
    }
    breaker->iterator = iterator;
    return breaker;
}

void temper_wb_close(TemperWordBreaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t temper_wb_set_text(TemperWordBreaker *breaker, const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    ubrk_first(breaker->iterator);
    return 0;
}

int32_t temper_wb_next(TemperWordBreaker *breaker, int32_t *rule_status) {
    int32_t boundary = ubrk_next(breaker->iterator);
    if (boundary == UBRK_DONE) return -1;
    if (rule_status) *rule_status = ubrk_getRuleStatus(breaker->iterator);
    return boundary;
}

int32_t temper_nfkc_casefold(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t written = unorm2_normalize(normalizer, (const UChar *)source, length, (UChar *)destination, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return written;
    if (U_FAILURE(status)) return -1;
    return written;
}

int32_t temper_is_extended_pictographic(uint32_t scalar) { return u_hasBinaryProperty((UChar32)scalar, UCHAR_EXTENDED_PICTOGRAPHIC); }
int32_t temper_is_regional_indicator(uint32_t scalar) { return u_hasBinaryProperty((UChar32)scalar, UCHAR_REGIONAL_INDICATOR); }
int32_t temper_is_emoji_modifier(uint32_t scalar) { return u_hasBinaryProperty((UChar32)scalar, UCHAR_EMOJI_MODIFIER); }
int32_t temper_is_uppercase(uint32_t scalar) { return u_isUUppercase((UChar32)scalar); }
int32_t temper_is_lowercase(uint32_t scalar) { return u_isULowercase((UChar32)scalar); }
int32_t temper_is_alphabetic(uint32_t scalar) { return u_isUAlphabetic((UChar32)scalar); }
int32_t temper_is_whitespace(uint32_t scalar) { return u_isUWhiteSpace((UChar32)scalar); }
int32_t temper_is_punctuation(uint32_t scalar) { return u_ispunct((UChar32)scalar); }
int32_t temper_is_default_ignorable(uint32_t scalar) { return u_hasBinaryProperty((UChar32)scalar, UCHAR_DEFAULT_IGNORABLE_CODE_POINT); }
int32_t temper_is_control(uint32_t scalar) { return u_iscntrl((UChar32)scalar); }

const char *temper_icu_version(void) { return U_ICU_VERSION; }
