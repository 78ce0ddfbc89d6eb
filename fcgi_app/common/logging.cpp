#include "common/logging.hpp"

#include <filesystem>

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>

#include <iostream>

namespace medassist {

void setupLogging(const std::string& logDir, bool alsoStderr) {
    std::filesystem::create_directories(logDir);
    using Poco::AutoPtr;

    AutoPtr<Poco::FileChannel> accessFile(new Poco::FileChannel(logDir + "/access.log"));
    accessFile->setProperty("rotation", "50 M");
    accessFile->setProperty("archive", "timestamp");
    accessFile->setProperty("purgeCount", "5");
    AutoPtr<Poco::PatternFormatter> bare(new Poco::PatternFormatter("%t"));
    AutoPtr<Poco::FormattingChannel> access(new Poco::FormattingChannel(bare, accessFile));
    auto& al = Poco::Logger::get("access");
    al.setChannel(access);
    al.setLevel(Poco::Message::PRIO_INFORMATION);

    AutoPtr<Poco::FileChannel> appFile(new Poco::FileChannel(logDir + "/app.log"));
    appFile->setProperty("rotation", "10 M");
    appFile->setProperty("archive", "timestamp");
    appFile->setProperty("purgeCount", "5");
    AutoPtr<Poco::SplitterChannel> split(new Poco::SplitterChannel);
    split->addChannel(appFile);
    if (alsoStderr) split->addChannel(AutoPtr<Poco::Channel>(new Poco::ConsoleChannel(std::cerr)));
    AutoPtr<Poco::PatternFormatter> pattern(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    AutoPtr<Poco::FormattingChannel> app(new Poco::FormattingChannel(pattern, split));
    auto& ap = Poco::Logger::get("app");
    ap.setChannel(app);
    ap.setLevel(Poco::Message::PRIO_INFORMATION);
}

Poco::Logger& accessLogger() { return Poco::Logger::get("access"); }
Poco::Logger& appLogger() { return Poco::Logger::get("app"); }

}  // namespace medassist
