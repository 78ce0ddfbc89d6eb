// The set-up's QR code as the page draws it: the SVG path, read back module by module, is
// exactly the symbol libqrencode made for the text, inside a light quiet zone of 4 modules.
#include <boost/test/unit_test.hpp>

#include <qrencode.h>

#include <cctype>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "security/totp.hpp"
#include "security/totp_qr.hpp"

using namespace medassist::security;

namespace {

using Grid = std::vector<std::vector<bool>>;

// Paints the path's rectangles ("Mx yhNv1h-Nz", one per run of dark modules) on a grid.
Grid paint(const QrSvg& qr) {
    Grid g(qr.size, std::vector<bool>(qr.size, false));
    std::size_t pos = 0;
    auto number = [&]() {
        std::size_t used = 0;
        int n = std::stoi(qr.path.substr(pos), &used);
        pos += used;
        return n;
    };
    auto expect = [&](const std::string& text) {
        BOOST_TEST_REQUIRE(qr.path.compare(pos, text.size(), text) == 0, "at " << pos << ": " << qr.path.substr(pos, 20));
        pos += text.size();
    };
    while (pos < qr.path.size()) {
        if (qr.path[pos] == ' ') ++pos;
        expect("M");
        const int x = number();
        expect(" ");
        const int y = number();
        expect("h");
        const int run = number();
        expect("v1h-" + std::to_string(run) + "z");
        BOOST_TEST_REQUIRE((x >= 0 && y >= 0 && run > 0 && x + run <= qr.size && y < qr.size));
        for (int i = 0; i < run; ++i) {
            BOOST_TEST(!g[y][x + i], "module " << x + i << "," << y << " drawn twice");
            g[y][x + i] = true;
        }
    }
    return g;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(totp_qr)

BOOST_AUTO_TEST_CASE(the_path_draws_exactly_the_symbol_inside_a_quiet_zone) {
    const std::string uri = totpUri(newTotpSecret(), "Studio Medico Aurora", "dr.rossi@example.com");
    const QrSvg qr = qrSvg(uri);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> ref(QRcode_encodeString8bit(uri.c_str(), 0, QR_ECLEVEL_M),
                                                        &QRcode_free);
    BOOST_TEST_REQUIRE(ref != nullptr);
    BOOST_TEST_REQUIRE(qr.size == ref->width + 2 * kQrQuietZone);
    BOOST_TEST((ref->width - 17) % 4 == 0);  // a real QR version: 21, 25, 29, ... modules
    const Grid g = paint(qr);
    int differences = 0;
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size; ++x) {
            const int sx = x - kQrQuietZone, sy = y - kQrQuietZone;
            const bool inside = sx >= 0 && sy >= 0 && sx < ref->width && sy < ref->width;
            const bool dark = inside && (ref->data[sy * ref->width + sx] & 1);
            if (g[y][x] != dark) ++differences;
        }
    }
    BOOST_TEST(differences == 0);
    // The three finder patterns a camera locks on to: a dark 7x7 ring at three corners.
    for (auto [cx, cy] : {std::pair{0, 0}, std::pair{ref->width - 7, 0}, std::pair{0, ref->width - 7}}) {
        for (int i = 0; i < 7; ++i) {
            BOOST_TEST(g[cy + kQrQuietZone][cx + kQrQuietZone + i]);
            BOOST_TEST(g[cy + kQrQuietZone + 6][cx + kQrQuietZone + i]);
        }
        BOOST_TEST(!g[cy + kQrQuietZone + 1][cx + kQrQuietZone + 1]);
    }
}

BOOST_AUTO_TEST_CASE(the_path_holds_nothing_html_could_read_as_markup) {
    const QrSvg qr = qrSvg("otpauth://totp/A%20%3Cb%3E:x?secret=ABC&issuer=<b>\"'");
    BOOST_TEST(!qr.path.empty());
    for (char c : qr.path)
        BOOST_TEST((std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == 'M' || c == 'h' || c == 'v' ||
                    c == '-' || c == 'z'),
                   "unexpected character " << c);
}

BOOST_AUTO_TEST_CASE(different_keys_give_different_codes_and_the_same_key_the_same_code) {
    auto a = newTotpSecret(), b = newTotpSecret();
    BOOST_TEST(qrSvg(totpUri(a, "P", "x@example.com")).path == qrSvg(totpUri(a, "P", "x@example.com")).path);
    BOOST_TEST(qrSvg(totpUri(a, "P", "x@example.com")).path != qrSvg(totpUri(b, "P", "x@example.com")).path);
}

BOOST_AUTO_TEST_CASE(a_text_longer_than_any_qr_code_is_refused) {
    BOOST_CHECK_THROW(qrSvg(std::string(4000, 'A')), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
