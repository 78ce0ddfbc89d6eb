#include "http/json_body.hpp"

#include "http/encoding.hpp"
#include "http/errors.hpp"
#include "i18n/catalogs.hpp"

namespace medassist::http {

std::map<std::string, std::string> readJsonFields(const Poco::JSON::Object::Ptr& body,
                                                  const std::vector<JsonField>& fields) {
    std::vector<FieldError> errors;
    std::map<std::string, std::string> out;
    for (const auto& name : body->getNames()) {
        bool known = false;
        for (const auto& f : fields) known = known || f.name == name;
        if (!known) errors.push_back({name, i18n::N_("This field is not expected.")});
    }
    for (const auto& f : fields) {
        if (!body->has(f.name) || body->isNull(f.name)) {
            if (f.required) errors.push_back({f.name, i18n::N_("This field is required.")});
            continue;
        }
        Poco::Dynamic::Var v = body->get(f.name);
        if (!v.isString()) {
            errors.push_back({f.name, i18n::N_("This field must be a string.")});
            continue;
        }
        std::string s = v.extract<std::string>();
        if (s.size() > f.maxLength) {
            errors.push_back({f.name, i18n::Text(i18n::N_("This value is too long: at most {1} characters."),
                                                  {i18n::Arg::number(static_cast<long long>(f.maxLength))})});
            continue;
        }
        if (!isValidUtf8(s)) {
            errors.push_back({f.name, i18n::N_("This text is not valid UTF-8.")});
            continue;
        }
        if (f.required && s.empty()) {
            errors.push_back({f.name, i18n::N_("This field is required.")});
            continue;
        }
        out[f.name] = std::move(s);
    }
    if (!errors.empty()) throw ValidationError(std::move(errors));
    return out;
}

}  // namespace medassist::http
