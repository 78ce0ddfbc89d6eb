#pragma once
// Strict reading of a JSON request body against a list of expected fields: a missing
// required field, a wrong type, a field nobody asked for, or a value over its length cap
// each give one error naming the field, and all of them are reported at once (422).
#include <map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

namespace medassist::http {

struct JsonField {
    std::string name;
    bool required = true;
    std::size_t maxLength = 254;  // in bytes of UTF-8
};

// The values of the string fields that are present. Throws ValidationError.
std::map<std::string, std::string> readJsonFields(const Poco::JSON::Object::Ptr& body,
                                                  const std::vector<JsonField>& fields);

}  // namespace medassist::http
