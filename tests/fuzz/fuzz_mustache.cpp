// Mustache rendering of hostile values (http/view): whatever a patient typed, a rendered
// page never carries it unescaped. The value is framed as "<q" ... "q>" so it always holds
// markup, and the chat page's own templates render it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/view.hpp"

using medassist::http::TemplateData;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const medassist::i18n::Catalogs catalogs(MEDASSIST_LOCALE_DIR);
    static const medassist::http::View view(MEDASSIST_SOURCE_DIR "/templates", {}, catalogs);
    const std::string value = "<q" + std::string(reinterpret_cast<const char*>(data), size) + "q>";
    TemplateData line;
    line.set("who", value);
    line.set("text", value);
    line.set("when", value);
    line.set("when_iso", value);
    TemplateData history = TemplateData::type::list;
    history.push_back(line);
    TemplateData d;
    d.set("csrf", value);
    d.set("acting_for", value);
    d.set("can_chat", true);
    d.set("any_history", true);
    d.set("history", history);
    d.set("latest", line);
    d.set("message", value);
    d.set("message_error", value);
    d.set("max_chars", value);
    std::string html;
    try {
        html = view.fragment("assistant/chat", d);
    } catch (const std::exception&) {
        return 0;  // a value that is not UTF-8 may be refused; never rendered raw
    }
    if (html.find(value) != std::string::npos) __builtin_trap();
    if (html.find("<q") != std::string::npos) __builtin_trap();
    return 0;
}
