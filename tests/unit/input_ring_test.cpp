// The dialog's input queue (src/common/input_ring.hpp): a bounded ring over
// one block, read into in place, popped with at most two copies, wiped as
// bytes leave it.
#include <doctest/doctest.h>

#include "common/input_ring.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using rasshost::InputRing;

namespace {

std::size_t push(InputRing& ring, const std::string& s) {
    return ring.push({reinterpret_cast<const BYTE*>(s.data()), s.size()});
}

std::string pop(InputRing& ring, std::size_t max) {
    std::string out(max, '\0');
    const auto n = ring.pop({reinterpret_cast<BYTE*>(out.data()), out.size()});
    out.resize(n);
    return out;
}

// Writes `s` the way a port read does: into writable(), then commit().
std::span<BYTE> write_in_place(InputRing& ring, const std::string& s) {
    const auto span = ring.writable(s.size());
    REQUIRE(span.size() == s.size());
    std::memcpy(span.data(), s.data(), s.size());
    ring.commit(s.size());
    return span;
}

bool all_zero(std::span<const BYTE> bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](BYTE b) { return b == 0; });
}

// "abc..." of length n, repeating the alphabet.
std::string letters(std::size_t n, std::size_t from = 0) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (from + i) % 26);
    return s;
}

}  // namespace

TEST_CASE("InputRing: a bound below 4 KiB is the whole block, allocated at once") {
    InputRing ring(16);
    CHECK(ring.bound() == 16);
    CHECK(ring.capacity() == 16);
    CHECK(ring.empty());
    CHECK(ring.writable(100).size() == 16);  // empty: the whole block, capped by the bound
    CHECK(ring.writable(5).size() == 5);     // capped by the caller
}

TEST_CASE("InputRing: bytes come out in order across the wrap-around") {
    InputRing ring(8);
    CHECK(push(ring, "abcdef") == 6);
    CHECK(pop(ring, 2) == "ab");
    // Four bytes queued at 2..5, more than a 3-byte write asks for: they stay
    // put (see the compaction case), and the tail at 6 has two bytes to the end.
    CHECK(ring.writable(3).size() == 2);
    CHECK(push(ring, "ghi") == 3);  // written in two pieces: 6..7, then 0
    CHECK(ring.size() == 7);
    CHECK(ring.writable(8).size() == 1);  // [1, 2): between the wrapped tail and the head
    CHECK(pop(ring, 100) == "cdefghi");   // two spans: 2..7, then 0
    CHECK(ring.empty());
}

TEST_CASE("InputRing: a few bytes left near the end move to the start, so a read gets a full span") {
    // What Receives left of a read, at most one read's worth, is moved rather
    // than leaving the next read only the rest of the block: the pty hands
    // out 4 KiB per read, and a shorter span means more reads and wake-ups.
    InputRing ring(16);
    push(ring, letters(12));                 // a..l at 0..11
    CHECK(pop(ring, 9) == letters(9));       // "jkl" stays at 9..11
    const auto span = ring.writable(8);      // 4 bytes to the end would be short
    REQUIRE(span.size() == 8);               // [3, 11) after the move
    const std::span<const BYTE> block(span.data() - 3, 16);
    CHECK(std::memcmp(block.data(), "jkl", 3) == 0);
    CHECK(all_zero(block.subspan(3)));       // wiped where they were
    std::memcpy(span.data(), "mnopqrst", 8);
    ring.commit(8);
    CHECK(pop(ring, 100) == "jklmnopqrst");

    // Overlapping move: 8 bytes at 2..9 go to 0..7; only 8..9 is left to wipe.
    InputRing overlap(16);
    push(overlap, letters(10));
    CHECK(pop(overlap, 2) == "ab");
    const auto after = overlap.writable(8);
    REQUIRE(after.size() == 8);
    const std::span<const BYTE> block2(after.data() - 8, 16);
    CHECK(std::memcmp(block2.data(), "cdefghij", 8) == 0);
    CHECK(all_zero(block2.subspan(8)));
    CHECK(pop(overlap, 100) == "cdefghij");

    // More queued than the read asks for: not moved (the copy would cost more than the read).
    InputRing many(16);
    push(many, letters(12));
    CHECK(pop(many, 3) == "abc");
    CHECK(many.writable(4).size() == 4);  // 12..15, in place
    CHECK(many.writable(8).size() == 4);  // 9 queued > 8: still in place
}

TEST_CASE("InputRing: a backlog of a quarter read grows the block so the next read is full, a few typed bytes do not") {
    InputRing typing(1 << 20);
    push(typing, letters(10));
    CHECK(typing.writable(4096).size() == 4086);  // the rest of the block
    CHECK(typing.capacity() == InputRing::initial_block);

    InputRing bulk(1 << 20);
    push(bulk, letters(3000));
    CHECK(pop(bulk, 1500) == letters(1500));  // 1500 wait: the DLL is behind
    const auto span = bulk.writable(4096);
    CHECK(span.size() == 4096);
    CHECK(bulk.capacity() == 2 * InputRing::initial_block);
    bulk.commit(0);
    CHECK(pop(bulk, 4096) == letters(1500, 1500));  // order kept across the growth

    InputRing bounded(6000);  // growth stops at the bound
    push(bounded, letters(3000));
    CHECK(pop(bounded, 1000) == letters(1000));
    CHECK(bounded.writable(4096).size() == 4000);
    CHECK(bounded.capacity() == 6000);
}

TEST_CASE("InputRing: a full ring keeps nothing more -- push says how much fit") {
    InputRing ring(8);
    CHECK(push(ring, "0123456789") == 8);
    CHECK(ring.size() == 8);
    CHECK(ring.writable(4096).empty());
    CHECK(push(ring, "x") == 0);
    CHECK(pop(ring, 3) == "012");
    CHECK(push(ring, "xyzw") == 3);  // what the pop freed, no more
    CHECK(pop(ring, 100) == "34567xyz");
}

TEST_CASE("InputRing: a pop smaller than the queue takes the oldest bytes and leaves the rest") {
    InputRing ring(64);
    push(ring, "hello, world");
    CHECK(pop(ring, 5) == "hello");
    CHECK(ring.size() == 7);
    CHECK(pop(ring, 1) == ",");
    CHECK(pop(ring, 0).empty());
    CHECK(pop(ring, 6) == " world");
    CHECK(pop(ring, 6).empty());
}

TEST_CASE("InputRing: written in place, and an empty ring starts over at the start of its block") {
    InputRing ring(8);
    const auto first = write_in_place(ring, "abc");
    CHECK(pop(ring, 8) == "abc");
    // Empty now: the next span starts at the block's start, not after "abc".
    const auto again = ring.writable(8);
    CHECK(again.data() == first.data());
    CHECK(again.size() == 8);
}

TEST_CASE("InputRing: Receives may pop while a read fills the writable span") {
    InputRing ring(8);
    push(ring, "abcd");
    const auto span = ring.writable(8);  // [4, 8): a read in flight
    REQUIRE(span.size() == 4);
    CHECK(pop(ring, 3) == "abc");  // meanwhile a Receive takes bytes
    std::memcpy(span.data(), "efgh", 4);
    ring.commit(4);
    CHECK(pop(ring, 8) == "defgh");

    // clear() (the dialog ending) while the read is in flight: the read's
    // bytes, if committed, are what the ring holds.
    push(ring, "ij");
    const auto span2 = ring.writable(8);
    ring.clear();
    std::memcpy(span2.data(), "kl", 2);
    ring.commit(2);
    CHECK(pop(ring, 8) == "kl");
}

TEST_CASE("InputRing: popped and cleared bytes are wiped in the block") {
    InputRing ring(16);
    const auto password = write_in_place(ring, "hunter2!");
    std::string out(5, '\0');
    CHECK(ring.pop({reinterpret_cast<BYTE*>(out.data()), out.size()}) == 5);
    CHECK(out == "hunte");
    CHECK(all_zero(password.first(5)));           // taken: wiped
    CHECK(std::memcmp(password.data() + 5, "r2!", 3) == 0);  // still queued: intact
    CHECK(pop(ring, 16) == "r2!");
    CHECK(all_zero(password));

    // Across the wrap-around, and by clear().
    InputRing small(8);
    push(small, "123456");
    CHECK(pop(small, 2) == "12");                // "3456" stays queued at 2..5
    const auto before_wrap = small.writable(3);  // [6, 8)
    REQUIRE(before_wrap.size() == 2);
    push(small, "sec");                         // "se" at 6..7, "c" at 0
    const auto after_wrap = small.writable(8);  // [1, 2)
    REQUIRE(after_wrap.size() == 1);
    const std::span<const BYTE> block(after_wrap.data() - 1, 8);
    CHECK_FALSE(all_zero(block));
    small.clear();
    CHECK(small.empty());
    CHECK(all_zero(block));
}

TEST_CASE("InputRing: the block starts at 4 KiB and doubles up to the bound, order kept") {
    InputRing ring(10000);
    CHECK(ring.capacity() == InputRing::initial_block);
    // One byte stays queued, so the next ones wrap and growing has to unroll them.
    push(ring, letters(3000));
    CHECK(pop(ring, 2999) == letters(2999));
    std::size_t next = 3000;
    CHECK(push(ring, letters(4095, next)) == 4095);
    next += 4095;
    CHECK(ring.size() == 4096);
    CHECK(ring.capacity() == 4096);  // full, not grown yet: growing waits for a byte that needs it
    CHECK(push(ring, letters(1, next)) == 1);
    next += 1;
    CHECK(ring.capacity() == 8192);
    CHECK(push(ring, letters(10000, next)) == 10000 - 4097);
    CHECK(ring.capacity() == 10000);  // doubling stops at the bound
    CHECK(ring.size() == 10000);
    CHECK(ring.writable(4096).empty());
    CHECK(pop(ring, 20000) == letters(10000, 2999));
}
