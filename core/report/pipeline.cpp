// A bounded queue of row batches between one producer and one consumer.
#include "core/report/pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace daihoi::report {

namespace {

constexpr std::size_t kBatchRows = 1024;
constexpr std::size_t kMaxQueued = 8;  // batches in flight: bounds memory for any table size

struct Batch {
    std::vector<Row> rows;
    std::size_t used = 0;
};

struct Cancelled {};  // unwinds the producer when the consumer gave up

class Channel {
  public:
    // The producer's next empty batch (a recycled one when possible).
    std::unique_ptr<Batch> take_empty() {
        std::lock_guard lock(mutex_);
        if (cancelled_) throw Cancelled{};
        if (empty_.empty()) return std::make_unique<Batch>();
        auto b = std::move(empty_.front());
        empty_.pop_front();
        return b;
    }
    void push(std::unique_ptr<Batch> b) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return cancelled_ || full_.size() < kMaxQueued; });
        if (cancelled_) throw Cancelled{};
        full_.push_back(std::move(b));
        ready_.notify_one();
    }
    void finish(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        done_ = true;
        error_ = error;
        ready_.notify_one();
    }
    // The next full batch, or nullptr once the producer is done and all are taken.
    std::unique_ptr<Batch> pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return done_ || !full_.empty(); });
        if (full_.empty()) return nullptr;
        auto b = std::move(full_.front());
        full_.pop_front();
        room_.notify_one();
        return b;
    }
    void recycle(std::unique_ptr<Batch> b) {
        b->used = 0;
        std::lock_guard lock(mutex_);
        empty_.push_back(std::move(b));
    }
    void cancel() {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        room_.notify_all();
    }
    std::exception_ptr error() {
        std::lock_guard lock(mutex_);
        return error_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::deque<std::unique_ptr<Batch>> full_, empty_;
    bool done_ = false, cancelled_ = false;
    std::exception_ptr error_;
};

}  // namespace

void pump_rows(const RowSource& source, const std::function<void(const Row&)>& consume) {
    Channel channel;
    std::thread producer([&] {
        try {
            auto batch = channel.take_empty();
            source([&](const Row& row) {
                // Copy-assigning into a used row reuses its strings' buffers.
                if (batch->used < batch->rows.size())
                    batch->rows[batch->used] = row;
                else
                    batch->rows.push_back(row);
                if (++batch->used == kBatchRows) {
                    channel.push(std::move(batch));
                    batch = channel.take_empty();
                }
            });
            if (batch->used) channel.push(std::move(batch));
            channel.finish(nullptr);
        } catch (const Cancelled&) {
            channel.finish(nullptr);
        } catch (...) {
            channel.finish(std::current_exception());
        }
    });
    try {
        while (auto batch = channel.pop()) {
            for (std::size_t i = 0; i < batch->used; ++i) consume(batch->rows[i]);
            channel.recycle(std::move(batch));
        }
    } catch (...) {
        channel.cancel();
        producer.join();
        throw;
    }
    producer.join();
    if (auto e = channel.error()) std::rethrow_exception(e);
}

}  // namespace daihoi::report
