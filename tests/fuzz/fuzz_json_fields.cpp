// A JSON body read strictly against the fields an endpoint expects (http/json_body): any
// text, parsed by Poco and then checked field by field. A parse error or a ValidationError
// is the expected refusal.
#include <cstddef>
#include <cstdint>
#include <string>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include "http/errors.hpp"
#include "http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    Poco::JSON::Object::Ptr body;
    try {
        body = Poco::JSON::Parser().parse(input).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return 0;
    } catch (const std::exception&) {  // Poco::BadCastException for a non-object, and its kin
        return 0;
    }
    try {
        auto values = medassist::http::readJsonFields(
            body, {{"email", true, 254}, {"password", true, 128}, {"name", false, 100}, {"message", false, 4000}});
        for (const auto& [name, value] : values)
            if (value.size() > 4000) __builtin_trap();  // a value past every field's cap got through
    } catch (const medassist::http::ValidationError&) {
    }
    return 0;
}
