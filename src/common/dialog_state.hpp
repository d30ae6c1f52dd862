// A dialog's lifecycle as one state machine: the phase and the facts that
// decide what a verdict is worth, written only by DialogState::on(), from a
// table of allowed moves (docs/architecture.md#a-dialogs-life). Not
// thread-safe: the dialog calls it under its mutex.
//
//   created --begin_called--> beginning --begin_returned / begin_failed--> running
//   running --flush--> flushing --hold--> holding      (hold: after FAILURE only)
//   created, running, flushing, holding --hang_up--> hung_up
//   hung_up --end_called--> ending --complete--> end_answered
//   ending --end_awaits_complete--> grace              (End returned NO_ERROR)
//   hung_up (no End owed), ending, end_answered, grace --torn_down--> finished
//
// Two events move no phase, only facts: line_lost (created to holding)
// marks the line down and, before a verdict, aborts the dialog; verdict
// (beginning, running, hung_up, ending, end_answered; once) records that
// Complete gave one. Every other pair is either refused (an event that came
// late, such as a hang-up after the End was queued: nothing changes) or
// impossible (a bug: asserted in debug builds, refused otherwise).
//
// So a verdict stands -- the dialog can succeed -- only if Complete came
// after Begin was called, and neither Begin failed nor the line was lost
// before it.
#pragma once

#include <rasshost/config.h>

#include <cstdint>

namespace rasshost {

enum class DialogPhase : std::uint8_t {
    created,       // registered, the line read; Begin waits for its turn
    beginning,     // Begin runs on the Begin thread
    running,       // Begin returned: the DLL talks to the caller
    flushing,      // a verdict is acted on: the final output drains (bounded)
    holding,       // after a FAILURE: the failure delay holds the line
    hung_up,       // the line is closed; End is queued (teardown next if none is owed)
    ending,        // End runs on the End thread
    end_answered,  // End runs, and a Complete already came meanwhile
    grace,         // End returned NO_ERROR: one more Complete, or the grace period
    finished,      // torn down: every call on the HPORT gets 601
};
inline constexpr int dialog_phase_count = 10;

enum class DialogEvent : std::uint8_t {
    begin_called,         // the Begin thread takes the dialog
    begin_returned,       // Begin returned NO_ERROR: End is owed
    begin_failed,         // Begin returned nonzero: the dialog fails, no End
    verdict,              // Complete's verdict, the first one
    complete,             // any Complete (it answers an End under way)
    line_lost,            // hang-up, dialog timeout or shutdown
    flush,                // the verdict is acted on
    hold,                 // the failure delay starts
    hang_up,              // the line is closed, End queued
    end_called,           // the End thread calls End
    end_awaits_complete,  // End returned NO_ERROR
    torn_down,
};
inline constexpr int dialog_event_count = 12;

// What the table says of an event in a phase (before the facts' guards).
enum class DialogMove : std::uint8_t { stay, go, refused, impossible };

struct DialogRule {
    DialogMove move;
    DialogPhase to;  // with go
};

// The table of allowed moves.
RASSHOST_API DialogRule dialog_rule(DialogPhase phase, DialogEvent event) noexcept;

class RASSHOST_API DialogState {
public:
    // Applies `event`: true if it was allowed (and done), false if it was
    // refused or impossible (nothing changed).
    bool on(DialogEvent event) noexcept;
    // Whether on(event) would be allowed now, without the assertion.
    bool allows(DialogEvent event) const noexcept;

    DialogPhase phase() const noexcept { return phase_; }
    bool verdict_given() const noexcept { return verdict_given_; }
    bool line_down() const noexcept { return line_down_; }
    // The dialog can no longer succeed: the line was lost before the
    // verdict, or Begin failed.
    bool aborted() const noexcept { return aborted_; }
    // Begin returned NO_ERROR, so End is called once the line is closed
    // (docs/decisions.md#no-end-after-a-failed-begin).
    bool end_owed() const noexcept { return end_owed_; }

    // The outcome is the verdict Complete gave.
    bool verdict_stands() const noexcept { return verdict_given_ && !aborted_; }
    // Typed input is queued for Receives until the verdict or the line's end
    // (docs/decisions.md#input-with-no-receive-pending).
    bool input_open() const noexcept { return !verdict_given_ && !line_down_ && !aborted_; }

private:
    bool guard(DialogEvent event) const noexcept;

    DialogPhase phase_ = DialogPhase::created;
    bool verdict_given_ = false;
    bool line_down_ = false;
    bool aborted_ = false;
    bool end_owed_ = false;
};

}  // namespace rasshost
