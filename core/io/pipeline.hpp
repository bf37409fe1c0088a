// Two-stage pipeline for bulk imports: a producer thread parses and validates
// batches of rows while the calling thread writes them to the database. The
// queue is bounded, so memory stays constant; an exception on either side
// stops both and is rethrown to the caller.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

namespace daihoi::io {

template <class Item>
void pipelined(const std::function<bool(std::vector<Item>&)>& produce,  // fills a batch; false at the end
               const std::function<void(std::vector<Item>&)>& consume, std::size_t max_batches = 8) {
    std::mutex m;
    std::condition_variable cv;
    std::deque<std::vector<Item>> queue;
    bool done = false, stop = false;
    std::exception_ptr producer_error;

    std::thread producer([&] {
        pthread_setname_np(pthread_self(), "daihoi-parse");  // told apart in a profiler
        try {
            for (;;) {
                std::vector<Item> batch;
                bool more = produce(batch);
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return queue.size() < max_batches || stop; });
                if (stop) return;
                if (!batch.empty()) queue.push_back(std::move(batch));
                cv.notify_all();
                if (!more) break;
            }
        } catch (...) {
            std::lock_guard lock(m);
            producer_error = std::current_exception();
        }
        std::lock_guard lock(m);
        done = true;
        cv.notify_all();
    });

    try {
        for (;;) {
            std::vector<Item> batch;
            {
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return !queue.empty() || done; });
                if (queue.empty()) break;
                batch = std::move(queue.front());
                queue.pop_front();
                cv.notify_all();
            }
            consume(batch);
        }
    } catch (...) {
        {
            std::lock_guard lock(m);
            stop = true;
            cv.notify_all();
        }
        producer.join();
        throw;
    }
    producer.join();
    if (producer_error) std::rethrow_exception(producer_error);
}

}  // namespace daihoi::io
