#include "common/text_rules.hpp"

#include <Poco/Unicode.h>
#include <Poco/UTF8Encoding.h>

namespace medassist::common {

bool hasHiddenFormatting(std::string_view utf8, bool allowLineBreaks) {
    Poco::UTF8Encoding enc;
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const auto* end = p + utf8.size();
    while (p < end) {
        const int need = enc.sequenceLength(p, static_cast<int>(end - p));
        if (need <= 0 || need > end - p) return true;
        const int ch = enc.queryConvert(p, need);
        if (ch < 0) return true;
        p += need;
        if (allowLineBreaks && (ch == '\n' || ch == '\r' || ch == '\t')) continue;
        Poco::Unicode::CharacterProperties props;
        Poco::Unicode::properties(ch, props);
        switch (props.type) {
            case Poco::Unicode::UCP_FORMAT:
            case Poco::Unicode::UCP_LINE_SEPARATOR:
            case Poco::Unicode::UCP_PARAGRAPH_SEPARATOR:
            case Poco::Unicode::UCP_CONTROL:
                return true;
            default:
                break;
        }
    }
    return false;
}

}  // namespace medassist::common
