package vn.investledger.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("stack")
@ExtendWith(RealServers.class)
class RealServersTests {

	@Test
	void shouldResolveOneSharedBrokerPerJvm(KafkaServer server) throws Exception {
		assertThat(server).isSameAs(RealServers.kafka());
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", server.bootstrapServers()))) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
		}
	}

	@Test
	void shouldResolveOneSharedElasticsearchNodePerJvm(ElasticsearchServer server) throws Exception {
		assertThat(server).isSameAs(RealServers.elasticsearch());
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.url() + "/_cluster/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"number_of_nodes\":1");
	}

}
