package vn.investledger.processor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * The stream processor: reads every province's licensing events and keeps the running
 * totals, exactly once.
 */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class StreamProcessorApplication {

	public static void main(String[] args) {
		SpringApplication.run(StreamProcessorApplication.class, args);
	}

}
