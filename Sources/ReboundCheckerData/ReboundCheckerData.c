// Binary data for the checker, embedded with C23's #embed: clang copies the file into the
// object in milliseconds, where a Swift array literal of the same bytes (SwiftPM's
// `embedInCode`) costs the compiler tens of seconds per megabyte (docs/performance.md).
#include "ReboundCheckerData.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

_Alignas(16) static const unsigned char standard_phrases[] = {
#embed "standard-phrases.automaton"
};

const unsigned char *rebound_standard_phrases(void) { return standard_phrases; }

size_t rebound_standard_phrases_size(void) { return sizeof standard_phrases; }

_Alignas(16) static const unsigned char reply_model[] = {
#embed "reply-model.bin"
};

const unsigned char *rebound_reply_model(void) { return reply_model; }

size_t rebound_reply_model_size(void) { return sizeof reply_model; }
