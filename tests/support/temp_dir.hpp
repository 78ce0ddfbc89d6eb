#pragma once
// Test helpers shared by every test executable: a scratch folder removed at the end of
// the test, and whole-file reads.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace medassist::testing {

inline std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("medassist_test_" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Writes relative (creating its folders) and returns its full path.
    std::string write(const std::string& relative, const std::string& text) const {
        std::filesystem::path p = path / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
};

}  // namespace medassist::testing
